import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { HostSystem } from '../domain/bootstrap.js';
import { hostRef } from './hosts.js';

/** Installing and configuring Docker on a host, whatever its Linux. */
export interface BootstrapApi {
  /** Looks at the host (os-release, architecture, init, privileges, Docker) without changing it. */
  detect(args: { host: string; sudoPassword?: string | undefined }): Promise<HostSystem>;
  /**
   * Starts a bootstrap job: named steps, streamed command output, cancel. Its result is a
   * BootstrapReport. A second run on the same host changes nothing and says so per step.
   */
  start(args: {
    host: string;
    distributionPackagesOnly?: boolean | undefined;
    sudoPassword?: string | undefined;
  }): Promise<JobInfo>;
}

export const bootstrapSchemas: SchemaMap<BootstrapApi> = {
  detect: z.strictObject({ host: hostRef, sudoPassword: z.string().max(1024).optional() }),
  start: z.strictObject({
    host: hostRef,
    distributionPackagesOnly: z.boolean().optional(),
    sudoPassword: z.string().max(1024).optional(),
  }),
};
