import type { JobInfo, MigrationPlan, MigrationPlanArgs, MigrationRecord, MigrationStartArgs } from '../../../shared/index.js';
import { attempt, type Outcome } from '../state/core-call.js';
import { applyJob } from '../state/store.js';

/** What a migration would do; changes nothing on either host. */
export function planMigration(args: MigrationPlanArgs): Promise<Outcome<MigrationPlan>> {
  return attempt((api) => api.migrations.plan(args));
}

/** Starts the migration job (its id is the migration's id). */
export async function startMigration(args: MigrationStartArgs): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.migrations.start(args));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}

/** The journal's migrations, newest first; runs unasked, so no vault prompt. */
export function listMigrations(): Promise<Outcome<MigrationRecord[]>> {
  return attempt((api) => api.migrations.list({}), { vault: false });
}

export function getMigration(id: string): Promise<Outcome<MigrationRecord>> {
  return attempt((api) => api.migrations.get({ id }), { vault: false });
}

export async function resumeMigration(id: string): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.migrations.resume({ id }));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}

export async function rollBackMigration(id: string): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.migrations.rollback({ id }));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}
