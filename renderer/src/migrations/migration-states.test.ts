import { describe, expect, it } from 'vitest';
import type { MigrationRecord } from '../../../shared/index.js';
import { migrationsRefreshKey, sortMigrations } from './migration-states.js';

const record = (id: string, createdAt: string, changes: Partial<MigrationRecord> = {}): MigrationRecord => ({
  id,
  jobId: id,
  state: 'completed',
  source: 'd9/web',
  target: 'd3',
  createdAt,
  updatedAt: createdAt,
  step: null,
  steps: [],
  error: null,
  outcome: null,
  canResume: false,
  canRollback: false,
  ...changes,
});

describe('sortMigrations', () => {
  it('puts migrations waiting for a resume or roll back first, then the newest', () => {
    const sorted = sortMigrations([
      record('old', '2025-01-01T00:00:00Z'),
      record('new', '2025-03-01T00:00:00Z'),
      record('cut', '2025-02-01T00:00:00Z', { state: 'interrupted', canResume: true, canRollback: true }),
      record('broken', '2024-12-01T00:00:00Z', { state: 'failed', canRollback: true }),
    ]);
    expect(sorted.map((r) => r.id)).toEqual(['cut', 'broken', 'new', 'old']);
  });
});

describe('migrationsRefreshKey', () => {
  it('follows migration and roll back jobs step by step, and ignores other jobs', () => {
    const job = { id: 'm1', kind: 'migration' as const, state: 'running' as const, step: 'images' as const };
    const other = { id: 'd1', kind: 'deploy' as const, state: 'running' as const, step: 'check' as const };
    const base = migrationsRefreshKey([job, other]);
    expect(migrationsRefreshKey([job, { ...other, state: 'succeeded' }])).toBe(base);
    expect(migrationsRefreshKey([{ ...job, step: 'networks' as const }, other])).not.toBe(base);
    expect(
      migrationsRefreshKey([
        job,
        { id: 'r1', kind: 'migration-rollback' as const, state: 'running' as const, step: 'rollback' as const },
      ]),
    ).not.toBe(base);
  });
});
