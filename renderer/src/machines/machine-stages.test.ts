import { describe, expect, it } from 'vitest';
import { MACHINE_CREATE_JOB, type JobInfoOf } from '../../../shared/index.js';
import { machineStages } from './machine-stages.js';

type Job = Pick<JobInfoOf<'machine-create'>, 'state' | 'step' | 'stepDetail'>;
const statuses = (state: Job['state'], step: Job['step'], stepDetail: string | null = null) =>
  machineStages({ state, step, stepDetail }).map((stage) => `${stage.id}:${stage.status}`);

describe('machineStages', () => {
  it('are the steps the machine-create job declares, with their labels', () => {
    expect(machineStages({ state: 'running', step: null, stepDetail: null }).map((s) => [s.id, s.label])).toEqual(
      MACHINE_CREATE_JOB.steps.map((s) => [s.id, s.label]),
    );
  });

  it('marks earlier stages done, the current one active and later ones pending while running', () => {
    expect(statuses('running', null)).toEqual(['create:active', 'ssh:pending', 'bootstrap:pending', 'done:pending']);
    expect(statuses('running', 'ssh')).toEqual(['create:done', 'ssh:active', 'bootstrap:pending', 'done:pending']);
  });

  it('shows the bootstrap’s own step, by its label, as the detail of its stage', () => {
    const stages = machineStages({ state: 'running', step: 'bootstrap', stepDetail: 'packages' });
    expect(stages.map((s) => s.detail)).toEqual([null, null, 'Install the Docker packages', null]);
    expect(stages[2]?.status).toBe('active');
  });

  it('marks every stage done when the job succeeded', () => {
    expect(statuses('succeeded', 'done')).toEqual(['create:done', 'ssh:done', 'bootstrap:done', 'done:done']);
  });

  it('marks the stage where the job ended as failed or cancelled', () => {
    expect(statuses('failed', 'ssh')).toEqual(['create:done', 'ssh:failed', 'bootstrap:pending', 'done:pending']);
    expect(statuses('interrupted', 'bootstrap', 'verify')).toEqual([
      'create:done',
      'ssh:done',
      'bootstrap:failed',
      'done:pending',
    ]);
    expect(statuses('cancelled', 'create')).toEqual([
      'create:cancelled',
      'ssh:pending',
      'bootstrap:pending',
      'done:pending',
    ]);
  });
});
