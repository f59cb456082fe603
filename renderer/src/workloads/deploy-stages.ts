import { DEPLOY_JOB, type JobInfoOf } from '../../../shared/index.js';
import { declaredSteps, type DeclaredStepView } from '../jobs/declared-steps.js';

export type DeployStage = DeclaredStepView<NonNullable<JobInfoOf<'deploy'>['step']>>;

/** The stages of a deploy (the job kind's declared steps), as far as the job has got; the detail names the service. */
export function deployStages(job: Pick<JobInfoOf<'deploy'>, 'state' | 'step' | 'stepDetail'>): DeployStage[] {
  return declaredSteps(DEPLOY_JOB.steps, job);
}
