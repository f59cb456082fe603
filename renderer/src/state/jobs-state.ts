import type { JobInfo, JobLogLine } from '../../../shared/index.js';
import { useCrossdock } from './crossdock-state.js';
import { mergeJob, sortJobs } from './job-list.js';
import { mergeLogLines } from './job-logs.js';
import { byId, valuesOf, writeAnswer, writeEvent, type Entries } from './live-rule.js';

function setJobEntries(jobEntries: Entries<JobInfo>): void {
  if (jobEntries !== useCrossdock.getState().jobEntries)
    useCrossdock.setState({ jobEntries, jobs: sortJobs(valuesOf(jobEntries)) });
}

/** A job from `jobs.changed` or an action's reply: an event, by the rule in live-rule.ts. */
export function applyJob(job: JobInfo): void {
  setJobEntries(writeEvent(useCrossdock.getState().jobEntries, job.id, job, mergeJob));
}

/**
 * A `jobs.list` answer of generation `generation`. It decides which jobs exist (another window may
 * have cleared some), except that a job written by an event since the request was sent is kept
 * as that event left it: it may have started after the server took its snapshot.
 */
export function applyJobList(listed: readonly JobInfo[], generation: number): void {
  const state = useCrossdock.getState();
  setJobEntries(writeAnswer(state.jobEntries, { values: byId(listed), complete: true, generation }, mergeJob));
  // Forget the logs of jobs that are gone, so a long session does not keep every log forever.
  const { jobEntries, logs, logJobId } = useCrossdock.getState();
  const kept = Object.fromEntries(Object.entries(logs).filter(([id]) => id in jobEntries));
  useCrossdock.setState({ logs: kept, logJobId: logJobId && logJobId in jobEntries ? logJobId : null });
}

export function applyLogLines(jobId: string, lines: JobLogLine[]): void {
  const logs = useCrossdock.getState().logs;
  const existing = logs[jobId] ?? [];
  const merged = mergeLogLines(existing, lines);
  if (merged !== existing) useCrossdock.setState({ logs: { ...logs, [jobId]: merged } });
}
