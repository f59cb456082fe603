import type { JobInfo } from '../../../shared/index.js';
import { formatPercent } from './format-duration.js';

/** A bar with the percentage and the step; `data-fraction` lets tests read progress exactly. */
export function JobProgress({ job }: { job: JobInfo }) {
  const percent = formatPercent(job.fraction);
  return (
    <div className="job-progress" data-testid="job-progress" data-fraction={job.fraction}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={`Progress of ${job.title}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(job.fraction * 100)}
        aria-valuetext={job.step ? `${percent}, ${job.step}` : percent}
      >
        {/* Width through the CSSOM (React's style prop), which the page's CSP allows. */}
        <div className="progress-fill" style={{ width: percent }} />
      </div>
      <span className="job-percent">{percent}</span>
    </div>
  );
}
