import type { JobInfo } from '../../../shared/index.js';
import { useCrossdock } from '../state/store.js';

/** The job with this id as the session knows it now; null before it is listed (or with no id). */
export function useJob(jobId: string | null): JobInfo | null {
  return useCrossdock((state) => (jobId ? (state.jobs.find((job) => job.id === jobId) ?? null) : null));
}
