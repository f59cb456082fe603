import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { MigrationPlan, MigrationRecord, MigrationSource } from '../domain/migrations.js';
import { hostRef } from './hosts.js';
import { noArgs, type NoArgs } from './system.js';

// Docker's own rules for container names and compose's for project names.
const containerRef = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a container name or id');
const projectName = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a compose project name: lowercase letters, digits, "_" and "-"');
const migrationId = z.string().min(1).max(100);

const source = z.union([
  z.strictObject({ host: hostRef, container: containerRef }),
  z.strictObject({ host: hostRef, project: projectName }),
]);

export interface MigrationPlanArgs {
  source: MigrationSource;
  target: string;
  /** Move the data through this computer even when the source could reach the target. */
  forceRelay?: boolean | undefined;
}

export interface MigrationStartArgs extends MigrationPlanArgs {
  /** Remove the source containers once the target is ready and the data matched (volumes stay). */
  removeSource?: boolean | undefined;
  /** Without a healthcheck, "ready" means running for this many seconds (default 5). */
  healthySeconds?: number | undefined;
}

/**
 * Moving a container, or a whole compose project, from one host to another: image layers the
 * target lacks, configuration, and volume data in two passes (bulk while it runs, delta after it
 * stops), verified by checksums before the target starts. Every step is journaled on disk.
 */
export interface MigrationsApi {
  /** What a migration would do, changing nothing (also `crossdock migrate --dry-run`). */
  plan(args: MigrationPlanArgs): Promise<MigrationPlan>;
  /**
   * Starts a migration job (its id is the migration's id). The result is a MigrationOutcome.
   * Any failure before the target is ready restarts the source and removes what the target got.
   * Live bytes and rates come as `migrations.progress` events.
   */
  start(args: MigrationStartArgs): Promise<JobInfo>;
  /** Every migration in the journal, newest first. */
  list(args: NoArgs): Promise<MigrationRecord[]>;
  get(args: { id: string }): Promise<MigrationRecord>;
  /** Continues an interrupted migration from its last safe step (the bulk pass runs again). */
  resume(args: { id: string }): Promise<JobInfo>;
  /** Undoes an interrupted (or failed) migration: the source runs again, the target is cleaned. */
  rollback(args: { id: string }): Promise<JobInfo>;
}

export const migrationsSchemas: SchemaMap<MigrationsApi> = {
  plan: z.strictObject({ source, target: hostRef, forceRelay: z.boolean().optional() }),
  start: z.strictObject({
    source,
    target: hostRef,
    forceRelay: z.boolean().optional(),
    removeSource: z.boolean().optional(),
    healthySeconds: z.number().int().min(1).max(600).optional(),
  }),
  list: noArgs,
  get: z.strictObject({ id: migrationId }),
  resume: z.strictObject({ id: migrationId }),
  rollback: z.strictObject({ id: migrationId }),
};
