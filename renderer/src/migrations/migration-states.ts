import type { JobInfo, MigrationRecord, MigrationState } from '../../../shared/index.js';
import type { Tone } from '../hosts/host-status.js';

export const MIGRATION_STATE: Record<MigrationState, { label: string; tone: Tone }> = {
  planned: { label: 'Planned', tone: 'muted' },
  running: { label: 'Running', tone: 'busy' },
  'rolling-back': { label: 'Rolling back', tone: 'busy' },
  completed: { label: 'Completed', tone: 'ok' },
  'failed-rolled-back': { label: 'Failed, rolled back', tone: 'warn' },
  failed: { label: 'Failed', tone: 'danger' },
  interrupted: { label: 'Interrupted', tone: 'danger' },
};

/** Job kinds that write the migrations journal. */
const MIGRATION_JOB_KINDS: ReadonlySet<string> = new Set(['migration', 'migration-rollback']);

/**
 * Changes when a migration job starts, moves to another step, or ends: then the list is
 * fetched again (there is no event for the journal itself).
 */
export function migrationsRefreshKey(jobs: readonly Pick<JobInfo, 'id' | 'kind' | 'state' | 'step'>[]): string {
  return jobs
    .filter((job) => MIGRATION_JOB_KINDS.has(job.kind))
    .map((job) => `${job.id}:${job.state}:${job.step ?? ''}`)
    .sort()
    .join(',');
}

/** Migrations that need a decision (interrupted, or failed and not rolled back) first, then newest first. */
export function sortMigrations(records: readonly MigrationRecord[]): MigrationRecord[] {
  const needsDecision = (record: MigrationRecord): number => (record.canResume || record.canRollback ? 0 : 1);
  return [...records].sort(
    (a, b) => needsDecision(a) - needsDecision(b) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
  );
}
