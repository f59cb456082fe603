import type { JobInfo } from '../../../shared/index.js';

export type DeployStageId = 'check' | 'resources' | 'services' | 'done';
export type DeployStageStatus = 'done' | 'active' | 'pending' | 'failed' | 'cancelled';

export interface DeployStage {
  id: DeployStageId;
  label: string;
  status: DeployStageStatus;
  /** The service being deployed, in the services stage. */
  detail: string | null;
}

const STAGES: readonly { id: DeployStageId; label: string }[] = [
  { id: 'check', label: 'Check images, secrets and ports on the host' },
  { id: 'resources', label: 'Networks and volumes' },
  { id: 'services', label: 'Services, dependencies first' },
  { id: 'done', label: 'Deployed' },
];

/**
 * The stage a deploy job's step belongs to. The job reports `connect`, `check`, `networks`,
 * `volumes`, `remove`, `service NAME` for each service, then `done`
 * (electron/core/workloads/deploy/deploy-job.ts).
 */
export function deployStageOf(step: string | null): DeployStageId {
  if (step === 'networks' || step === 'volumes') return 'resources';
  if (step === 'remove' || step?.startsWith('service ')) return 'services';
  if (step === 'done') return 'done';
  return 'check';
}

/** The four stages of a deploy, as far as the job has got. */
export function deployStages(job: Pick<JobInfo, 'state' | 'step'>): DeployStage[] {
  const current = job.state === 'succeeded' ? STAGES.length : STAGES.findIndex((stage) => stage.id === deployStageOf(job.step));
  const endedHere: DeployStageStatus = job.state === 'running' ? 'active' : job.state === 'cancelled' ? 'cancelled' : 'failed';
  const service = job.step?.startsWith('service ') ? job.step.slice('service '.length) : null;
  return STAGES.map((stage, index) => ({
    ...stage,
    status: index < current ? 'done' : index === current ? endedHere : 'pending',
    detail: index === current && stage.id === 'services' ? service : null,
  }));
}
