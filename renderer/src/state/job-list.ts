import { FINISHED_JOB_STATES, type JobInfo } from '../../../shared/index.js';

export function isFinished(job: Pick<JobInfo, 'state'>): boolean {
  return FINISHED_JOB_STATES.includes(job.state);
}

/**
 * The newer of two views of the same job. Frames arrive in order on one connection, so the
 * incoming one normally wins; the exception is a `running` snapshot (from `jobs.list` or an
 * action's reply) landing after the event that ended the job: a finished job never runs again,
 * so the finished view is kept rather than showing a cancelled job as running forever.
 */
export function mergeJob(current: JobInfo | undefined, incoming: JobInfo): JobInfo {
  if (current && isFinished(current) && !isFinished(incoming)) return current;
  return incoming;
}

/** Newest first, like `jobs.list`; ties keep a stable order by id. */
function newestFirst(a: JobInfo, b: JobInfo): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortJobs(jobs: readonly JobInfo[]): JobInfo[] {
  return [...jobs].sort(newestFirst);
}
