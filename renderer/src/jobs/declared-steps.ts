import type { JobState, StepDeclaration } from '../../../shared/index.js';
import type { StepMarkStatus } from './step-list.js';

export interface DeclaredStepView<Id extends string> {
  id: Id;
  label: string;
  status: StepMarkStatus;
  /** What the step is at right now (the job's step detail, made readable), on the current step only. */
  detail: string | null;
}

/**
 * A job's declared steps in order, as far as the job has got: the steps before its current one
 * done, the current one active (or failed / cancelled where the job ended), the rest pending.
 */
export function declaredSteps<Id extends string>(
  steps: readonly StepDeclaration<Id>[],
  job: { state: JobState; step: Id | null; stepDetail: string | null },
  readableDetail: (detail: string) => string = (detail) => detail,
): DeclaredStepView<Id>[] {
  const at = steps.findIndex((step) => step.id === job.step);
  const current = job.state === 'succeeded' ? steps.length : Math.max(0, at);
  const endedHere: StepMarkStatus =
    job.state === 'running' ? 'active' : job.state === 'cancelled' ? 'cancelled' : 'failed';
  return steps.map((step, index) => ({
    id: step.id,
    label: step.label,
    status: index < current ? 'done' : index === current ? endedHere : 'pending',
    detail: index === current && job.stepDetail ? readableDetail(job.stepDetail) : null,
  }));
}
