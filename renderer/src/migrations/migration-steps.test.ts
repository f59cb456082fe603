import { describe, expect, it } from 'vitest';
import type { MigrationProgress, MigrationStepRecord } from '../../../shared/index.js';
import {
  MIGRATION_STEPS,
  applyProgress,
  detailBytes,
  migrationSteps,
  readableDetail,
  stepBytes,
  type ProgressByStep,
} from './migration-steps.js';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString();
const record = (
  name: string,
  state: MigrationStepRecord['state'],
  from: number,
  to: number | null,
  detail: string | null = null,
): MigrationStepRecord => ({
  name,
  state,
  startedAt: at(from),
  endedAt: to === null ? null : at(to),
  detail,
});
const event = (changes: Partial<MigrationProgress>): MigrationProgress => ({
  migrationId: 'm1',
  jobId: 'm1',
  step: 'volumes-bulk',
  kind: 'volume',
  item: 'data',
  pass: 'bulk',
  bytes: 0,
  totalBytes: null,
  bytesPerSecond: 0,
  ...changes,
});
const NOW = Date.parse(at(30));

describe('applyProgress and stepBytes', () => {
  it('keeps the latest bytes of each item and sums them per step, with the step rate', () => {
    let progress: ProgressByStep = {};
    progress = applyProgress(progress, event({ item: 'a', bytes: 1_000, totalBytes: 4_000, bytesPerSecond: 500 }));
    progress = applyProgress(progress, event({ item: 'b', bytes: 2_000, totalBytes: 2_000, bytesPerSecond: 700 }));
    progress = applyProgress(progress, event({ item: 'a', bytes: 3_000, totalBytes: 4_000, bytesPerSecond: 900 }));
    expect(stepBytes(progress, 'volumes-bulk')).toEqual({ bytes: 5_000, totalBytes: 6_000, bytesPerSecond: 900 });
    expect(stepBytes(progress, 'images')).toBeNull();
  });

  it('has no total once any item came without one', () => {
    let progress = applyProgress(
      {},
      event({ step: 'images', kind: 'image', item: 'app:1', pass: null, bytes: 10, totalBytes: 100 }),
    );
    progress = applyProgress(
      progress,
      event({ step: 'images', kind: 'image', item: 'app:2', pass: null, bytes: 5, totalBytes: null }),
    );
    expect(stepBytes(progress, 'images')).toEqual({ bytes: 15, totalBytes: null, bytesPerSecond: 0 });
  });

  it('returns a new object, leaving the previous figures as they were', () => {
    const before: ProgressByStep = {};
    const after = applyProgress(before, event({ bytes: 1 }));
    expect(before).toEqual({});
    expect(after).not.toBe(before);
  });
});

describe('readableDetail', () => {
  it('writes byte counts of the journal in readable units', () => {
    expect(readableDetail('sent 1 (52428800 bytes), skipped 0')).toBe('sent 1 (50.0 MiB), skipped 0');
    expect(readableDetail('25165824 bytes')).toBe('24.0 MiB');
    expect(readableDetail('direct: d9 reaches d3')).toBe('direct: d9 reaches d3');
    expect(readableDetail(null)).toBeNull();
  });
});

describe('a finished data step', () => {
  it('shows the bytes the journal recorded and their average rate, not the last live event', () => {
    const records = [record('plan', 'done', 0, 1), record('volumes-delta', 'done', 10, 12, '10240 bytes')];
    const progress = applyProgress({}, event({ step: 'volumes-delta', pass: 'delta', bytes: 0, bytesPerSecond: 0 }));
    const delta = migrationSteps(records, { state: 'succeeded', step: 'done' }, progress, NOW).find(
      (s) => s.id === 'volumes-delta',
    );
    expect(delta).toMatchObject({
      status: 'done',
      detail: null,
      bytes: { bytes: 10_240, totalBytes: null, bytesPerSecond: 5_120 },
      live: { bytes: 0 },
    });
  });

  it('reads the byte count of a detail', () => {
    expect(detailBytes('sent 2 (300 bytes), skipped 1')).toBe(300);
    expect(detailBytes('42 bytes')).toBe(42);
    expect(detailBytes('none needed')).toBeNull();
    expect(detailBytes(null)).toBeNull();
  });
});

describe('migrationSteps', () => {
  it('lists every step in order, all waiting before the journal has any', () => {
    const steps = migrationSteps([], { state: 'running', step: null }, {}, NOW);
    expect(steps.map((s) => s.id)).toEqual(MIGRATION_STEPS.map((s) => s.id));
    expect(new Set(steps.map((s) => s.status))).toEqual(new Set(['pending']));
  });

  it('marks journaled steps done with their detail and duration, the started one active, and carries live bytes on data steps', () => {
    const records = [
      record('plan', 'done', 0, 1),
      record('route', 'done', 1, 2, 'direct: d9 reaches d3'),
      record('networks', 'done', 2, 2, 'none needed'),
      record('images', 'done', 2, 4, 'sent 1 (1000 bytes), skipped 0'),
      record('volumes-bulk', 'started', 4, null),
    ];
    const progress = applyProgress({}, event({ bytes: 2_000_000, totalBytes: 8_000_000, bytesPerSecond: 1_000_000 }));
    const steps = migrationSteps(records, { state: 'running', step: 'volumes-bulk' }, progress, NOW);
    // The images step and the bulk pass run at once: both started, both active.
    const together = migrationSteps(
      [...records.slice(0, 3), record('images', 'started', 2, null), record('volumes-bulk', 'started', 2, null)],
      { state: 'running', step: 'volumes-bulk' },
      progress,
      NOW,
    );
    expect(together.filter((s) => s.status === 'active').map((s) => s.id)).toEqual(['images', 'volumes-bulk']);
    const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
    expect(byId.route).toMatchObject({
      status: 'done',
      detail: 'direct: d9 reaches d3',
      durationMs: 1_000,
      data: false,
      bytes: null,
    });
    expect(byId.images).toMatchObject({
      status: 'done',
      detail: 'sent 1 (1000 B), skipped 0',
      data: true,
      bytes: { bytes: 1000, totalBytes: null, bytesPerSecond: 500 },
    });
    const live = { bytes: 2_000_000, totalBytes: 8_000_000, bytesPerSecond: 1_000_000 };
    expect(byId['volumes-bulk']).toMatchObject({ status: 'active', durationMs: 26_000, bytes: live, live });
    expect(byId.networks).toMatchObject({ data: false, bytes: null, live: null });
    expect(byId.create?.status).toBe('pending');
  });

  it('shows the step the job reports as active before the journal records it', () => {
    const steps = migrationSteps([record('plan', 'done', 0, 1)], { state: 'running', step: 'route' }, {}, NOW);
    expect(steps.find((s) => s.id === 'route')?.status).toBe('active');
  });

  it('marks the step where the job ended as failed, or cancelled when it was cancelled', () => {
    const records = [
      record('plan', 'done', 0, 1),
      record('route', 'done', 1, 2),
      record('images', 'failed', 2, 3, 'No space left on d3'),
    ];
    expect(
      migrationSteps(records, { state: 'failed', step: 'images' }, {}, NOW).find((s) => s.id === 'images'),
    ).toMatchObject({ status: 'failed', detail: 'No space left on d3' });
    const cut = [record('plan', 'done', 0, 1), record('route', 'started', 1, null)];
    expect(
      migrationSteps(cut, { state: 'cancelled', step: 'route' }, {}, NOW).find((s) => s.id === 'route')?.status,
    ).toBe('cancelled');
    expect(
      migrationSteps(cut, { state: 'interrupted', step: 'route' }, {}, NOW).find((s) => s.id === 'route')?.status,
    ).toBe('failed');
  });

  it('shows only the latest run of a resumed migration, and a roll back after it', () => {
    const records = [
      record('plan', 'done', 0, 1),
      record('route', 'done', 1, 2),
      record('images', 'done', 2, 3),
      record('volumes-bulk', 'started', 3, null),
      record('plan', 'done', 10, 11),
      record('route', 'started', 11, null),
    ];
    const steps = migrationSteps(records, { state: 'running', step: 'route' }, {}, NOW);
    expect(steps.find((s) => s.id === 'images')?.status).toBe('pending');
    expect(steps.find((s) => s.id === 'volumes-bulk')?.status).toBe('pending');
    expect(steps.find((s) => s.id === 'plan')?.durationMs).toBe(1_000);
    const rolledBack = migrationSteps(
      [...records.slice(0, 4), record('rollback', 'done', 20, 22)],
      { state: 'succeeded', step: 'rollback' },
      {},
      NOW,
    );
    expect(rolledBack.at(-1)).toMatchObject({ id: 'rollback', status: 'done', durationMs: 2_000 });
  });
});

describe('step titles', () => {
  it('say "(source still running)" only while the step runs, never once it is done', () => {
    const records = [
      record('plan', 'done', 0, 1),
      record('checksums', 'done', 1, 2),
      record('volumes-catchup', 'started', 3, null),
    ];
    const steps = migrationSteps(records, { state: 'running', step: 'volumes-catchup' }, {}, NOW);
    const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
    expect(byId.checksums?.label).toBe('Checksum the volumes on both hosts');
    expect(byId['volumes-catchup']?.label).toBe('Copy what changed since, catch-up pass (source still running)');
    expect(byId['volumes-bulk']?.label).not.toMatch(/still running/);
    for (const step of MIGRATION_STEPS) expect(step.label).not.toMatch(/still running/);
  });
});
