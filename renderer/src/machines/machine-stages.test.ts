import { describe, expect, it } from 'vitest';
import { machineStages, stageOfStep } from './machine-stages.js';

const statuses = (state: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted', step: string | null) =>
  machineStages({ state, step }).map((stage) => `${stage.id}:${stage.status}`);

describe('stageOfStep', () => {
  it('maps the job’s steps to the four stages', () => {
    expect(stageOfStep(null)).toBe('create');
    expect(stageOfStep('key')).toBe('create');
    expect(stageOfStep('create')).toBe('create');
    expect(stageOfStep('ssh')).toBe('ssh');
    expect(stageOfStep('bootstrap')).toBe('bootstrap');
    expect(stageOfStep('bootstrap: install')).toBe('bootstrap');
    expect(stageOfStep('done')).toBe('done');
  });
});

describe('machineStages', () => {
  it('marks earlier stages done, the current one active and later ones pending while running', () => {
    expect(statuses('running', 'key')).toEqual(['create:active', 'ssh:pending', 'bootstrap:pending', 'done:pending']);
    expect(statuses('running', 'ssh')).toEqual(['create:done', 'ssh:active', 'bootstrap:pending', 'done:pending']);
  });

  it('shows the bootstrap’s own step as the detail of its stage', () => {
    const stages = machineStages({ state: 'running', step: 'bootstrap: install packages' });
    expect(stages.map((s) => s.detail)).toEqual([null, null, 'install packages', null]);
    expect(stages[2]?.status).toBe('active');
  });

  it('marks every stage done when the job succeeded', () => {
    expect(statuses('succeeded', 'done')).toEqual(['create:done', 'ssh:done', 'bootstrap:done', 'done:done']);
  });

  it('marks the stage where the job ended as failed or cancelled', () => {
    expect(statuses('failed', 'ssh')).toEqual(['create:done', 'ssh:failed', 'bootstrap:pending', 'done:pending']);
    expect(statuses('interrupted', 'bootstrap: verify')).toEqual(['create:done', 'ssh:done', 'bootstrap:failed', 'done:pending']);
    expect(statuses('cancelled', 'create')).toEqual(['create:cancelled', 'ssh:pending', 'bootstrap:pending', 'done:pending']);
  });
});
