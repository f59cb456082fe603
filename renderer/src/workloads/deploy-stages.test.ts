import { describe, expect, it } from 'vitest';
import { DEPLOY_JOB } from '../../../shared/index.js';
import { deployStages } from './deploy-stages.js';

describe('deployStages', () => {
  it('are the steps the deploy job declares, with their labels', () => {
    expect(deployStages({ state: 'running', step: null, stepDetail: null }).map((s) => [s.id, s.label])).toEqual(
      DEPLOY_JOB.steps.map((s) => [s.id, s.label]),
    );
  });

  it('marks the stages before the current one done, and names the service being deployed', () => {
    const stages = deployStages({ state: 'running', step: 'services', stepDetail: 'db' });
    expect(stages.map((s) => `${s.id}:${s.status}`)).toEqual([
      'check:done',
      'pull:done',
      'build:done',
      'resources:done',
      'services:active',
      'done:pending',
    ]);
    expect(stages[4]?.detail).toBe('db');
  });

  it('marks every stage done once the job succeeded', () => {
    expect(deployStages({ state: 'succeeded', step: 'done', stepDetail: null }).every((s) => s.status === 'done')).toBe(
      true,
    );
  });

  it('marks where a job failed or was cancelled', () => {
    expect(deployStages({ state: 'failed', step: 'build', stepDetail: null }).map((s) => s.status)).toEqual([
      'done',
      'done',
      'failed',
      'pending',
      'pending',
      'pending',
    ]);
    expect(
      deployStages({ state: 'cancelled', step: 'resources', stepDetail: 'networks' }).map((s) => s.status),
    ).toEqual(['done', 'done', 'done', 'cancelled', 'pending', 'pending']);
  });
});
