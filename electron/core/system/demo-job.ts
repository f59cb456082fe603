import { setTimeout as sleep } from 'node:timers/promises';
import { CrossdockError } from '../../../shared/index.js';
import type { JobRunner } from '../jobs/registry.js';

/**
 * A job that only walks through timed steps. It lets a user (and the browser test) see the
 * jobs machinery — progress, log, cancel, failure — before any real long work exists.
 */
export function demoJob(steps: number, stepMs: number, failAtStep?: number): JobRunner<{ steps: number }> {
  return async (job) => {
    for (let step = 1; step <= steps; step++) {
      job.progress((step - 1) / steps, `Step ${step} of ${steps}`);
      job.log(`Working on step ${step} of ${steps}`);
      await sleep(stepMs, undefined, { signal: job.signal });
      if (step === failAtStep) {
        throw new CrossdockError('FAILED_PRECONDITION', `The demo job failed at step ${step}, as asked`, { step });
      }
    }
    job.progress(1, 'Done');
    job.log('All steps done');
    return { steps };
  };
}
