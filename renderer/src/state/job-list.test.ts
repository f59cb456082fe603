import { describe, expect, it } from 'vitest';
import type { ExtensionJobInfo, JobInfo } from '../../../shared/index.js';
import { isFinished, mergeJob, sortJobs } from './job-list.js';

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
    for (const state of ['succeeded', 'failed', 'cancelled', 'interrupted'] as const)
      expect(isFinished({ state })).toBe(true);
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

describe('sortJobs', () => {
  it('puts the newest first', () => {
    expect(sortJobs([job('1'), job('3'), job('2')]).map((j) => j.id)).toEqual(['3', '2', '1']);
  });
});
