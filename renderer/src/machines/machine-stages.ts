import type { JobInfo } from '../../../shared/index.js';

export type StageId = 'create' | 'ssh' | 'bootstrap' | 'done';
export type StageStatus = 'done' | 'active' | 'pending' | 'failed' | 'cancelled';

export interface Stage {
  id: StageId;
  label: string;
  status: StageStatus;
  /** What the stage is doing right now, e.g. the bootstrap's own step. */
  detail: string | null;
}

const STAGES: readonly { id: StageId; label: string }[] = [
  { id: 'create', label: 'Create the machine on the provider' },
  { id: 'ssh', label: 'SSH ready, host key pinned' },
  { id: 'bootstrap', label: 'Install Docker' },
  { id: 'done', label: 'Listed as a host' },
];

/**
 * The stage a `machine-create` job's step belongs to. The job reports `key`, `create`, `ssh`,
 * `bootstrap`, then the bootstrap's own steps as `bootstrap: …`, and `done`.
 */
export function stageOfStep(step: string | null): StageId {
  if (step === 'ssh') return 'ssh';
  if (step === 'done') return 'done';
  if (step?.startsWith('bootstrap')) return 'bootstrap';
  return 'create';
}

function detailOf(step: string | null, stage: StageId): string | null {
  if (stage !== 'bootstrap' || !step?.startsWith('bootstrap: ')) return null;
  return step.slice('bootstrap: '.length) || null;
}

/** The four stages of creating a machine, as far as the job has got. */
export function machineStages(job: Pick<JobInfo, 'state' | 'step'>): Stage[] {
  const current = job.state === 'succeeded' ? STAGES.length : STAGES.findIndex((stage) => stage.id === stageOfStep(job.step));
  const endedHere: StageStatus = job.state === 'running' ? 'active' : job.state === 'cancelled' ? 'cancelled' : 'failed';
  return STAGES.map((stage, index) => ({
    ...stage,
    status: index < current ? 'done' : index === current ? endedHere : 'pending',
    detail: index === current ? detailOf(job.step, stage.id) : null,
  }));
}
