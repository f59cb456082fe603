import { useEffect, useLayoutEffect, useRef } from 'react';
import type { JobLogLine, MachineInfo } from '../../../shared/index.js';
import { DialogActions } from '../dialogs/dialog.js';
import { focusInitial } from '../dialogs/focus-trap.js';
import { FormError } from '../forms/text-field.js';
import { JobProgress } from '../jobs/job-progress.js';
import { cancelJob, loadJobLog } from '../state/actions.js';
import { useCrossdock } from '../state/store.js';
import { machineStages, type StageStatus } from './machine-stages.js';
import '../jobs/job-log.css';

const NO_LINES: JobLogLine[] = [];

const STATUS_WORD: Record<StageStatus, string> = { done: 'done', active: 'in progress', pending: 'waiting', failed: 'failed', cancelled: 'cancelled' };

function StageMark({ status }: { status: StageStatus }) {
  const path = status === 'done' ? 'M4 8.5l2.5 2.5L12 5.5' : status === 'failed' || status === 'cancelled' ? 'M5 5l6 6M11 5l-6 6' : null;
  return (
    <span className="stage-mark" data-status={status} aria-hidden="true">
      {path && (
        <svg className="icon" viewBox="0 0 16 16">
          <path d={path} />
        </svg>
      )}
    </span>
  );
}

/** Follows the log at the bottom unless the reader scrolled up, like the jobs panel's log. */
function ProgressLog({ jobId }: { jobId: string }) {
  const lines = useCrossdock((state) => state.logs[jobId] ?? NO_LINES);
  const scroller = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [lines]);
  const onScroll = (): void => {
    const element = scroller.current;
    if (element) pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };
  return (
    <ol className="job-log-lines machine-progress-log" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Log" data-testid="machine-progress-log">
      {lines.length === 0 && <li className="job-log-empty">No log lines yet.</li>}
      {lines.map((line) => (
        <li key={line.seq} className="job-log-line" data-stream={line.stream}>
          <span className="job-log-text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}

interface MachineProgressProps {
  jobId: string;
  name: string;
  /** Back to the form, keeping what was typed (after a failure). */
  onEdit: () => void;
  /** Closes the dialog; a running job goes on, in the jobs panel. */
  onClose: () => void;
  onHide: () => void;
}

/**
 * The create job, live: its stages (create → SSH → bootstrap → host), the progress bar and its
 * log, from the `jobs.changed` and `jobs.log` events the session already follows; the backlog
 * is fetched on open and after a reconnect, merged by seq.
 */
export function MachineProgress({ jobId, name, onEdit, onClose, onHide }: MachineProgressProps) {
  const job = useCrossdock((state) => state.jobs.find((j) => j.id === jobId) ?? null);
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const root = useRef<HTMLDivElement>(null);
  const state = job?.state ?? 'running';

  useEffect(() => {
    if (session !== null) void loadJobLog(jobId);
  }, [jobId, session]);

  // Each phase puts focus on its main button, so Enter does the expected thing.
  useEffect(() => {
    if (root.current) focusInitial(root.current);
  }, [state]);

  if (!job) return <p className="muted">Starting…</p>;
  const stages = machineStages(job);
  const machine = job.state === 'succeeded' ? (job.result as MachineInfo | null) : null;

  return (
    <div className="machine-progress" ref={root} data-testid="machine-progress" data-state={job.state}>
      <JobProgress job={job} />
      <ol className="stage-list" aria-label="Steps">
        {stages.map((stage) => (
          <li key={stage.id} className="stage" data-status={stage.status} data-testid="machine-stage" data-stage={stage.id}>
            <StageMark status={stage.status} />
            <span className="stage-label">
              {stage.label}
              <span className="visually-hidden">: {STATUS_WORD[stage.status]}</span>
              {stage.detail && <span className="stage-detail"> — {stage.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
      <ProgressLog jobId={jobId} />
      <div aria-live="polite">
        {machine && (
          <p className="machine-ready" data-testid="machine-ready">
            <strong>{machine.name}</strong> is running{machine.address ? <> at <span className="mono">{machine.address}</span></> : null} with Docker, and listed as host{' '}
            <strong>{machine.hostName ?? machine.name}</strong>.
          </p>
        )}
        {(job.state === 'failed' || job.state === 'interrupted' || job.state === 'cancelled') && (
          <FormError testId="machine-create-error">
            <p>
              {job.state === 'cancelled' ? `Creating ${name} was cancelled.` : (job.error?.message ?? `Creating ${name} ended ${job.state}.`)}{' '}
              {job.error?.code && job.state !== 'cancelled' && <code className="notice-code">{job.error.code}</code>}
            </p>
            <p className="muted">What was made before that (the machine, its host) is listed under Machines and Hosts; destroy it there, or fix the form and try again.</p>
          </FormError>
        )}
      </div>
      <DialogActions>
        {job.state === 'running' ? (
          <>
            {job.cancellable && (
              <button type="button" className="button button-danger dialog-actions-start" data-testid="machine-create-cancel" onClick={() => void cancelJob(job.id)}>
                Cancel creation
              </button>
            )}
            <button type="button" className="button button-quiet" data-autofocus data-testid="machine-create-hide" title="The job goes on; follow it in the jobs panel" onClick={onHide}>
              Run in background
            </button>
          </>
        ) : job.state === 'succeeded' ? (
          <button type="button" className="button" data-autofocus data-testid="machine-create-done" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button button-quiet" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button" data-autofocus data-testid="machine-create-edit" onClick={onEdit}>
              Back to the form
            </button>
          </>
        )}
      </DialogActions>
    </div>
  );
}
