import type { HostInfo, JobInfo } from '../../../shared/index.js';
import { stageOfStep } from './machine-stages.js';

/** Job kinds whose progress changes what `machines.list` answers. */
const MACHINE_JOB_KINDS: ReadonlySet<string> = new Set(['machine-create']);

/**
 * A string that changes exactly when the machine list may have changed: a machine job started,
 * moved to another stage or ended; a host was added, removed, or changed status (a stopped
 * machine's host disconnects; an existing server's state follows its host's connection).
 * Progress within a stage does not change it, so a running job does not refetch every tick.
 */
export function machinesRefreshKey(jobs: readonly Pick<JobInfo, 'id' | 'kind' | 'state' | 'step'>[], hosts: readonly Pick<HostInfo, 'id' | 'status'>[]): string {
  const jobPart = jobs
    .filter((job) => MACHINE_JOB_KINDS.has(job.kind))
    .map((job) => `${job.id}:${job.state}:${stageOfStep(job.step)}`)
    .sort();
  const hostPart = hosts.map((host) => `${host.id}:${host.status}`).sort();
  return `${jobPart.join(',')}|${hostPart.join(',')}`;
}
