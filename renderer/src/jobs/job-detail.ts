import type { JobInfo } from '../../../shared/index.js';

/**
 * The second line of a job row. While a job runs it is the step; when it failed or was
 * interrupted it is why; a cancelled job keeps its last step, since "was cancelled" would only
 * repeat the state badge next to it.
 */
export function jobDetail(job: Pick<JobInfo, 'state' | 'step' | 'error'>): string | null {
  if ((job.state === 'failed' || job.state === 'interrupted') && job.error) return job.error.message;
  return job.step;
}
