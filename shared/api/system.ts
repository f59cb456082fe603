import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { Settings, SystemInfo } from '../domain/system.js';

export const noArgs = z.strictObject({});
export type NoArgs = z.infer<typeof noArgs>;

/** Facts about the running core, settings, and a demo job for trying the jobs machinery. */
export interface SystemApi {
  info(args: NoArgs): Promise<SystemInfo>;
  getSettings(args: NoArgs): Promise<Settings>;
  /** Changes the given settings and returns all of them. */
  updateSettings(args: { theme?: Settings['theme'] | undefined }): Promise<Settings>;
  /** Starts a job that walks through `steps` steps of `stepMs` each; cancellable. */
  startDemoJob(args: { steps: number; stepMs: number; failAtStep?: number | undefined }): Promise<JobInfo>;
}

export const systemSchemas: SchemaMap<SystemApi> = {
  info: noArgs,
  getSettings: noArgs,
  updateSettings: z.strictObject({ theme: z.enum(['system', 'light', 'dark']).optional() }),
  startDemoJob: z.strictObject({
    steps: z.number().int().min(1).max(100),
    stepMs: z.number().int().min(1).max(60_000),
    failAtStep: z.number().int().min(1).optional(),
  }),
};
