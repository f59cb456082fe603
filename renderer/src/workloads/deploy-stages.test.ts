import { describe, expect, it } from 'vitest';
import { deployStageOf, deployStages } from './deploy-stages.js';

describe('deployStageOf', () => {
  it('maps each step the deploy job reports to its stage', () => {
    expect(deployStageOf(null)).toBe('check');
    expect(deployStageOf('connect')).toBe('check');
    expect(deployStageOf('check')).toBe('check');
    expect(deployStageOf('networks')).toBe('resources');
    expect(deployStageOf('volumes')).toBe('resources');
    expect(deployStageOf('remove')).toBe('services');
    expect(deployStageOf('service web')).toBe('services');
    expect(deployStageOf('done')).toBe('done');
  });
});

describe('deployStages', () => {
  it('marks the stages before the current one done, and names the service being deployed', () => {
    const stages = deployStages({ state: 'running', step: 'service db' });
    expect(stages.map((s) => `${s.id}:${s.status}`)).toEqual(['check:done', 'resources:done', 'services:active', 'done:pending']);
    expect(stages[2]?.detail).toBe('db');
  });

  it('marks every stage done once the job succeeded', () => {
    expect(deployStages({ state: 'succeeded', step: 'done' }).every((s) => s.status === 'done')).toBe(true);
  });

  it('marks where a job failed or was cancelled', () => {
    expect(deployStages({ state: 'failed', step: 'check' }).map((s) => s.status)).toEqual(['failed', 'pending', 'pending', 'pending']);
    expect(deployStages({ state: 'cancelled', step: 'networks' }).map((s) => s.status)).toEqual(['done', 'cancelled', 'pending', 'pending']);
  });
});
