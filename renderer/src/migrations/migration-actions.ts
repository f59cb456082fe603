import type { JobInfo, MigrationStartArgs } from '../../../shared/index.js';
import { attempt, type Outcome } from '../state/core-call.js';
import { applyJob } from '../state/store.js';

/** Starts the migration job (its id is the migration's id). */
export async function startMigration(args: MigrationStartArgs): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.migrations.start(args));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
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
