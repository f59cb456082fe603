import type { JobState } from '../../../shared/index.js';

export const JOB_STATE_LABELS: Record<JobState, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};
