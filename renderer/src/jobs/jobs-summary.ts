import type { JobState } from '../../../shared/index.js';

/**
 * The jobs bar's one line: how many run, and how the others ended, so a failure is not hidden
 * among "finished" ones (`1 running · 2 failed · 3 done`). An interrupted job (Crossdock stopped
 * while it ran) did not complete either, so it counts as failed.
 */
export function jobsSummary(jobs: readonly { state: JobState }[]): string {
  if (jobs.length === 0) return 'none';
  const count = (states: readonly JobState[]): number => jobs.filter((job) => states.includes(job.state)).length;
  const parts: [number, string][] = [
    [count(['running']), 'running'],
    [count(['failed', 'interrupted']), 'failed'],
    [count(['cancelled']), 'cancelled'],
    [count(['succeeded']), 'done'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(' · ');
}
