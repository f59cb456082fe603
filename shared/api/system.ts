import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { Settings, SystemInfo } from '../domain/system.js';

export const noArgs = z.strictObject({});
export type NoArgs = z.infer<typeof noArgs>;

/** Facts about the running core, and settings. */
export interface SystemApi {
  info(args: NoArgs): Promise<SystemInfo>;
  getSettings(args: NoArgs): Promise<Settings>;
  /** Changes the given settings and returns all of them. */
  updateSettings(args: { theme?: Settings['theme'] | undefined }): Promise<Settings>;
}

export const systemSchemas: SchemaMap<SystemApi> = {
  info: noArgs,
  getSettings: noArgs,
  updateSettings: z.strictObject({ theme: z.enum(['system', 'light', 'dark']).optional() }),
};
