import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo, JobLogLine } from '../domain/jobs.js';
import { noArgs, type NoArgs } from './system.js';

const jobId = z.string().min(1).max(100);

/** Long work: list, inspect, follow, cancel. Live changes arrive as `jobs.changed` / `jobs.log`. */
export interface JobsApi {
  /** Every job in the journal, newest first. */
  list(args: NoArgs): Promise<JobInfo[]>;
  get(args: { id: string }): Promise<JobInfo>;
  /** Asks a running job to stop; resolves with its state once it has. */
  cancel(args: { id: string }): Promise<JobInfo>;
  /** Log lines after `afterSeq` (all when omitted). */
  logs(args: { id: string; afterSeq?: number | undefined }): Promise<JobLogLine[]>;
  /** Resolves when the job has ended, with its final state. */
  wait(args: { id: string }): Promise<JobInfo>;
  /** Forgets finished jobs; returns how many were removed. */
  clearFinished(args: NoArgs): Promise<number>;
}

export const jobsSchemas: SchemaMap<JobsApi> = {
  list: noArgs,
  get: z.strictObject({ id: jobId }),
  cancel: z.strictObject({ id: jobId }),
  logs: z.strictObject({ id: jobId, afterSeq: z.number().int().nonnegative().optional() }),
  wait: z.strictObject({ id: jobId }),
  clearFinished: noArgs,
};
