import type { JobInfo } from '../../../shared/index.js';

type JobFacts = Pick<JobInfo, 'id' | 'kind' | 'state'>;

/** The prices refresh that is running now (started here, by the CLI's core, or because the cache was stale). */
export function runningPricesRefresh<J extends JobFacts>(jobs: readonly J[]): J | null {
  return jobs.find((job) => job.kind === 'prices-refresh' && job.state === 'running') ?? null;
}

/**
 * A string that changes exactly when a prices refresh ends: what is cached (and so the catalogue
 * and every cost) may have changed then, and not while it runs.
 */
export function pricesRefreshKey(jobs: readonly JobFacts[]): string {
  return jobs
    .filter((job) => job.kind === 'prices-refresh' && job.state !== 'running')
    .map((job) => `${job.id}:${job.state}`)
    .sort()
    .join(',');
}
