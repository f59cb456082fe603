/**
 * `interrupted`: the process that ran the job ended before the job did (a crash or a quit).
 * The journal keeps such jobs so the user can see what was left half done.
 */
export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export const FINISHED_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

export type { JobInfo, JobInfoOf, ExtensionJobInfo } from '../jobs/job-info.js';

export type JobLogStream = 'info' | 'stdout' | 'stderr';

export interface JobLogLine {
  jobId: string;
  /** 1-based, increasing per job: lets a client merge a fetched backlog with live lines. */
  seq: number;
  at: string;
  stream: JobLogStream;
  text: string;
}
