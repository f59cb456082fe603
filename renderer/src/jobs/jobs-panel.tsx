import { useMemo } from 'react';
import { useNow } from '../shell/use-now.js';
import { clearFinishedJobs } from '../state/actions.js';
import { isFinished } from '../state/job-list.js';
import { setJobsPanelOpen, useCrossdock } from '../state/store.js';
import { JobLog } from './job-log.js';
import { JobRow } from './job-row.js';
import { jobsSummary } from './jobs-summary.js';
import './jobs.css';

/** A bottom panel, like a code editor's: a one-line bar when collapsed, the list when open. */
export function JobsPanel() {
  const jobs = useCrossdock((state) => state.jobs);
  const open = useCrossdock((state) => state.jobsPanelOpen);
  const logJobId = useCrossdock((state) => state.logJobId);
  const running = useMemo(() => jobs.filter((job) => !isFinished(job)).length, [jobs]);
  const finished = jobs.length - running;
  const now = useNow(open && running > 0);

  return (
    <section className="jobs-panel" data-testid="jobs-panel" data-open={open} aria-label="Jobs">
      <div className="jobs-bar">
        <button
          type="button"
          className="jobs-toggle"
          aria-expanded={open}
          aria-controls="jobs-panel-body"
          data-testid="jobs-toggle"
          onClick={() => setJobsPanelOpen(!open)}
        >
          <svg className="icon jobs-chevron" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 10l4-4 4 4" />
          </svg>
          <span className="jobs-bar-title">Jobs</span>
          <span className="jobs-bar-summary" data-running={running > 0}>
            {jobsSummary(jobs)}
          </span>
        </button>
        {open && (
          <button
            type="button"
            className="button button-small button-quiet"
            data-testid="jobs-clear-finished"
            disabled={finished === 0}
            onClick={() => void clearFinishedJobs()}
          >
            Clear finished
          </button>
        )}
      </div>
      {open && (
        <div className="jobs-body" id="jobs-panel-body">
          {jobs.length === 0 ? (
            <p className="jobs-empty">
              No jobs yet. Long work such as installing Docker or migrating a workload runs here in the background, with
              its progress and log.
            </p>
          ) : (
            <ul className="job-list" aria-label="Jobs, newest first">
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} now={now} logOpen={job.id === logJobId} />
              ))}
            </ul>
          )}
          {logJobId && <JobLog jobId={logJobId} />}
        </div>
      )}
    </section>
  );
}
