import { describe, expect, it } from 'vitest';
import type { ExtensionJobInfo, JobInfo } from '../../../shared/index.js';
import { isFinished, mergeJob, reconcileJobs, upsertJob } from './job-list.js';

function job(id: string, patch: Partial<Pick<JobInfo, 'state' | 'fraction' | 'cancellable'>> = {}): ExtensionJobInfo {
  return {
    id,
    kind: 'x-test',
    title: `Job ${id}`,
    state: 'running',
    fraction: 0,
    step: null,
    stepDetail: null,
    startedAt: `2025-01-01T00:00:0${id}.000Z`,
    endedAt: null,
    error: null,
    result: null,
    cancellable: true,
    ...patch,
  };
}

describe('isFinished', () => {
  it('counts every state but running as finished', () => {
    expect(isFinished({ state: 'running' })).toBe(false);
    for (const state of ['succeeded', 'failed', 'cancelled', 'interrupted'] as const) expect(isFinished({ state })).toBe(true);
  });
});

describe('mergeJob', () => {
  it('takes the incoming view of a running job', () => {
    expect(mergeJob(job('1', { fraction: 0.2 }), job('1', { fraction: 0.4 })).fraction).toBe(0.4);
  });

  it('keeps a finished job finished when a stale running view arrives late', () => {
    const cancelled = job('1', { state: 'cancelled', cancellable: false });
    expect(mergeJob(cancelled, job('1', { fraction: 0.5 }))).toBe(cancelled);
  });
});

describe('upsertJob', () => {
  it('adds a new job in newest-first order', () => {
    const list = upsertJob([job('3'), job('1')], job('2'));
    expect(list.map((j) => j.id)).toEqual(['3', '2', '1']);
  });

  it('replaces an existing job in place', () => {
    const list = upsertJob([job('2'), job('1')], job('1', { fraction: 0.5 }));
    expect(list.map((j) => [j.id, j.fraction])).toEqual([['2', 0], ['1', 0.5]]);
  });

  it('returns the same array when nothing changes, so subscribers do not re-render', () => {
    const jobs = [job('1', { state: 'succeeded' })];
    expect(upsertJob(jobs, job('1'))).toBe(jobs);
  });
});

describe('reconcileJobs', () => {
  it('drops jobs the server no longer lists', () => {
    const result = reconcileJobs([job('1'), job('2')], [job('2')], new Set());
    expect(result.map((j) => j.id)).toEqual(['2']);
  });

  it('keeps a job seen by event after the list was requested', () => {
    const result = reconcileJobs([job('3'), job('1')], [job('1')], new Set(['3']));
    expect(result.map((j) => j.id)).toEqual(['3', '1']);
  });

  it('does not let the listed snapshot undo an ending already seen by event', () => {
    const result = reconcileJobs([job('1', { state: 'cancelled' })], [job('1', { fraction: 0.3 })], new Set(['1']));
    expect(result[0]?.state).toBe('cancelled');
  });
});
