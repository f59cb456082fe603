import { BOOTSTRAP_JOB, MACHINE_CREATE_JOB, type JobInfoOf } from '../../../shared/index.js';
import { declaredSteps, type DeclaredStepView } from '../jobs/declared-steps.js';

export type Stage = DeclaredStepView<NonNullable<JobInfoOf<'machine-create'>['step']>>;

/** The bootstrap's own step, by its label (`Install the Docker packages`). */
function bootstrapStepLabel(detail: string): string {
  return BOOTSTRAP_JOB.steps.find((step) => step.id === detail)?.label ?? detail;
}

/** The stages of creating a machine (the job kind's declared steps), as far as the job has got. */
export function machineStages(job: Pick<JobInfoOf<'machine-create'>, 'state' | 'step' | 'stepDetail'>): Stage[] {
  return declaredSteps(MACHINE_CREATE_JOB.steps, job, bootstrapStepLabel);
}
