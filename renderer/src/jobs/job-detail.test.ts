import { describe, expect, it } from 'vitest';
import { jobDetail } from './job-detail.js';

const error = { code: 'INTERNAL' as const, message: 'Step 3 broke', details: {} };

describe('jobDetail', () => {
  it('shows the step of a running job', () => {
    expect(jobDetail({ state: 'running', step: 'Step 2 of 5', error: null })).toBe('Step 2 of 5');
  });

  it('shows why a job failed or was interrupted', () => {
    expect(jobDetail({ state: 'failed', step: 'Step 3 of 5', error })).toBe('Step 3 broke');
    expect(jobDetail({ state: 'interrupted', step: null, error })).toBe('Step 3 broke');
  });

  it('shows where a cancelled job stopped rather than repeating that it was cancelled', () => {
    expect(jobDetail({ state: 'cancelled', step: 'Step 4 of 5', error: { ...error, code: 'CANCELLED', message: 'Demo was cancelled' } })).toBe('Step 4 of 5');
  });

  it('shows nothing before the first step', () => {
    expect(jobDetail({ state: 'running', step: null, error: null })).toBeNull();
  });
});
