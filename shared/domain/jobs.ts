import type { WireError } from '../errors.js';

/**
 * `interrupted`: the process that ran the job ended before the job did (a crash or a quit).
 * The journal keeps such jobs so the user can see what was left half done.
 */
export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export const FINISHED_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/** A long piece of work in the core: progress, log, cancel, and a final result or error. */
export interface JobInfo {
  id: string;
  /** What kind of work this is, e.g. `demo`, `bootstrap`, `migration`. */
  kind: string;
  /** A human title, e.g. "Bootstrap Docker on web-1". */
  title: string;
  state: JobState;
  /** 0..1 */
  fraction: number;
  /** The name of the step in progress, or the last one. */
  step: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Set when state is `failed`, `cancelled` or `interrupted`. */
  error: WireError | null;
  /** Plain data the job returned, when state is `succeeded`. */
  result: unknown;
  /** Whether `jobs.cancel` can still stop it (it runs in this process and has not ended). */
  cancellable: boolean;
}

export type JobLogStream = 'info' | 'stdout' | 'stderr';

export interface JobLogLine {
  jobId: string;
  /** 1-based, increasing per job: lets a client merge a fetched backlog with live lines. */
  seq: number;
  at: string;
  stream: JobLogStream;
  text: string;
}
