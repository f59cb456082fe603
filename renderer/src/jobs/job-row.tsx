import type { JobInfo } from '../../../shared/index.js';
import { cancelJob } from '../state/actions.js';
import { showJobLog } from '../state/store.js';
import { formatDuration, jobElapsedMs } from './format-duration.js';
import { jobDetail } from './job-detail.js';
import { JobProgress } from './job-progress.js';
import { JOB_STATE_LABELS } from './job-state-labels.js';

interface JobRowProps {
  job: JobInfo;
  now: number;
  logOpen: boolean;
}

export function JobRow({ job, now, logOpen }: JobRowProps) {
  const detail = jobDetail(job);
  return (
    <li
      className="job-row"
      data-testid="job-row"
      data-state={job.state}
      data-job-id={job.id}
      aria-current={logOpen ? 'true' : undefined}
    >
      <span className="job-state" data-state={job.state}>
        <span className="job-state-dot" aria-hidden="true" />
        {JOB_STATE_LABELS[job.state]}
      </span>
      <div className="job-title">
        <span className="job-name" title={job.title}>
          {job.title}
        </span>
        {detail && (
          <span className="job-step" data-testid="job-step" title={detail}>
            {detail}
          </span>
        )}
      </div>
      <JobProgress job={job} />
      <time className="job-elapsed" title="Elapsed time">
        {formatDuration(jobElapsedMs(job, now))}
      </time>
      <div className="job-actions">
        <button
          type="button"
          className="button button-small button-quiet"
          aria-pressed={logOpen}
          data-testid="job-show-log"
          onClick={() => showJobLog(logOpen ? null : job.id)}
        >
          Log
        </button>
        {job.state === 'running' && job.cancellable && (
          <button
            type="button"
            className="button button-small button-danger"
            data-testid="job-cancel"
            onClick={() => void cancelJob(job.id)}
          >
            Cancel
          </button>
        )}
      </div>
    </li>
  );
}
