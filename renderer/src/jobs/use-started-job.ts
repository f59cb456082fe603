import { useState } from 'react';
import type { JobInfo } from '../../../shared/index.js';
import type { CoreFailure, Outcome } from '../state/core-call.js';
import { isFinished } from '../state/job-list.js';
import { showJobLog } from '../state/store.js';
import { useJob } from './use-job.js';

/**
 * A dialog whose form starts a job and then follows it in place: the call's busy state and
 * failure, the job once started, going back to the form, and a close that leaves a running job
 * in view in the jobs panel.
 */
export function useStartedJob(onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);

  /** Sends the call; true once the job runs. A silent failure (the vault prompt was dismissed) is not shown. */
  const start = async (call: () => Promise<Outcome<JobInfo>>): Promise<boolean> => {
    setBusy(true);
    const outcome = await call();
    setBusy(false);
    if (outcome.ok) {
      setJobId(outcome.value.id);
      return true;
    }
    setFailure(outcome.failure.silent ? null : outcome.failure);
    return false;
  };

  const close = (): void => {
    // A job that is still running goes on; its log opens in the jobs panel so it stays in view.
    if (jobId && job && !isFinished(job)) showJobLog(jobId);
    onClose();
  };

  return { busy, failure, setFailure, jobId, job, start, close, backToForm: () => setJobId(null) };
}
