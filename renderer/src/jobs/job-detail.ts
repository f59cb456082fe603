import { jobStepText, type JobInfo } from '../../../shared/index.js';

/**
 * The second line of a job row. While a job runs it is the step, in the words its kind declares; when it failed or was
 * interrupted it is why; a cancelled job keeps its last step, since "was cancelled" would only
 * repeat the state badge next to it.
 */
export function jobDetail(job: Pick<JobInfo, 'kind' | 'state' | 'step' | 'stepDetail' | 'error'>): string | null {
  if ((job.state === 'failed' || job.state === 'interrupted') && job.error) return job.error.message;
  return jobStepText(job);
}
