import { describe, expect, it } from 'vitest';
import { jobDetail } from './job-detail.js';

const deploy = { kind: 'deploy' as const, stepDetail: null };

const error = { code: 'INTERNAL' as const, message: 'Step 3 broke', details: {} };

describe('jobDetail', () => {
  it('shows the step of a running job', () => {
    expect(jobDetail({ ...deploy, state: 'running', step: 'resources', error: null })).toBe('Networks and volumes');
    expect(jobDetail({ ...deploy, state: 'running', step: 'services', stepDetail: 'web', error: null })).toBe(
      'Services, dependencies first: web',
    );
    expect(jobDetail({ kind: 'x-test', state: 'running', step: 'Step 2 of 5', stepDetail: null, error: null })).toBe(
      'Step 2 of 5',
    );
  });

  it('shows why a job failed or was interrupted', () => {
    expect(jobDetail({ ...deploy, state: 'failed', step: 'check', error })).toBe('Step 3 broke');
    expect(jobDetail({ ...deploy, state: 'interrupted', step: null, error })).toBe('Step 3 broke');
  });

  it('shows where a cancelled job stopped rather than repeating that it was cancelled', () => {
    expect(
      jobDetail({
        ...deploy,
        state: 'cancelled',
        step: 'check',
        error: { ...error, code: 'CANCELLED', message: 'Deploy was cancelled' },
      }),
    ).toBe('Check secrets and external resources on the host');
  });

  it('shows nothing before the first step', () => {
    expect(jobDetail({ ...deploy, state: 'running', step: null, error: null })).toBeNull();
  });
});
