import type { HostInfo, JobInfo } from '../../../shared/index.js';

/**
 * A string that changes exactly when the machine list may have changed: a machine job started,
 * moved to another stage or ended; a host was added, removed, or changed status (a stopped
 * machine's host disconnects; an existing server's state follows its host's connection).
 * Progress within a stage does not change it, so a running job does not refetch every tick.
 */
export function machinesRefreshKey(
  jobs: readonly Pick<JobInfo, 'id' | 'kind' | 'state' | 'step'>[],
  hosts: readonly Pick<HostInfo, 'id' | 'status'>[],
): string {
  const jobPart = jobs
    .filter((job) => job.kind === 'machine-create')
    .map((job) => `${job.id}:${job.state}:${job.step ?? 'create'}`)
    .sort();
  const hostPart = hosts.map((host) => `${host.id}:${host.status}`).sort();
  return `${jobPart.join(',')}|${hostPart.join(',')}`;
}
