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

/** Puts one job (from `jobs.changed` or an action's reply) into the list. */
export function upsertJob(jobs: readonly JobInfo[], incoming: JobInfo): JobInfo[] {
  const index = jobs.findIndex((job) => job.id === incoming.id);
  if (index === -1) return [...jobs, incoming].sort(newestFirst);
  const merged = mergeJob(jobs[index], incoming);
  if (merged === jobs[index]) return jobs as JobInfo[];
  const next = [...jobs];
  next[index] = merged;
  // startedAt never changes for a job, so the order still holds.
  return next;
}

/**
 * The list after a fresh `jobs.list`. The reply decides which jobs exist (another window may have
 * cleared some), except that a job we heard about by event since the request was sent is kept:
 * it may have started after the server took its snapshot.
 */
export function reconcileJobs(current: readonly JobInfo[], listed: readonly JobInfo[], seenSinceRequest: ReadonlySet<string>): JobInfo[] {
  const byId = new Map(current.map((job) => [job.id, job]));
  const result = listed.map((job) => mergeJob(byId.get(job.id), job));
  const listedIds = new Set(listed.map((job) => job.id));
  for (const job of current) {
    if (!listedIds.has(job.id) && seenSinceRequest.has(job.id)) result.push(job);
  }
  return result.sort(newestFirst);
}
