import type { ReactNode } from 'react';
import { jobResult, type JobInfo, type MigrationRecord } from '../../../shared/index.js';
import { DialogActions } from '../dialogs/dialog.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { JobFailure } from '../jobs/job-failure.js';
import { JobFollow } from '../jobs/job-follow.js';
import type { StepItem } from '../jobs/step-list.js';
import { useJob } from '../jobs/use-job.js';
import { useNow } from '../shell/use-now.js';
import { cancelJob } from '../state/actions.js';
import { MigrationOutcomeView } from './migration-outcome.js';
import { migrationSteps, type StepView } from './migration-steps.js';
import { formatBytesOf, formatRate, formatSpan, remainingMs } from './transfer-format.js';
import { useMigrationRecord } from './use-migration-record.js';

/**
 * `12.3 MB of 24.0 MB · 8.1 MB/s · 2.0 s left` while a data step runs (live figures), `2.11 MB ·
 * 4.7 MB/s` once it is done (the journal's bytes, the average rate).
 */
function dataFigures(step: StepView): ReactNode {
  if (!step.bytes) return step.data && step.status === 'active' ? 'waiting for the first bytes…' : null;
  const { bytes, totalBytes, bytesPerSecond } = step.bytes;
  // A finished step that moved nothing (every image already there) says so in its detail.
  if (step.status === 'done' && bytes === 0) return null;
  const left = step.status === 'active' ? remainingMs(bytes, totalBytes, bytesPerSecond) : null;
  return (
    <span data-testid="migration-step-bytes" data-bytes={bytes} data-live-bytes={step.live?.bytes}>
      {formatBytesOf(bytes, totalBytes)} · {formatRate(bytesPerSecond)}
      {left !== null ? ` · ${formatSpan(left)} left` : ''}
    </span>
  );
}

function toItems(steps: readonly StepView[]): StepItem[] {
  return steps.map((step) => ({
    id: step.id,
    label: step.label,
    status: step.status,
    detail:
      [
        step.detail,
        step.durationMs !== null && step.status !== 'pending' && step.status !== 'active'
          ? formatSpan(step.durationMs)
          : null,
      ]
        .filter(Boolean)
        .join(' · ') || null,
    extra: step.data ? dataFigures(step) : null,
  }));
}

/** Says how a migration ended when it did not succeed, and what state it left the hosts in. */
function Failure({ job, record }: { job: JobInfo | null; record: MigrationRecord | null }) {
  const error = job?.error ?? record?.error ?? null;
  const state = record?.state;
  const after =
    state === 'failed-rolled-back'
      ? 'Rolled back: the source runs as before, and nothing of the migration is left on the target.'
      : state === 'rolling-back'
        ? 'Rolling back: the source is being started again and the target cleaned.'
        : state === 'interrupted'
          ? 'Interrupted: resume it or roll it back from the Migrations list.'
          : state === 'failed'
            ? 'The roll back did not finish either; roll it back again from the Migrations list once both hosts answer.'
            : null;
  return (
    <JobFailure
      testId="migration-error"
      cancelled={job?.state === 'cancelled'}
      error={error}
      cancelledText="The migration was cancelled."
      endedText="The migration ended without finishing."
    >
      {after && <p data-testid="migration-after">{after}</p>}
    </JobFailure>
  );
}

interface MigrationFollowProps {
  migrationId: string;
  /** The job running (or that last ran) it; differs from the id after a resume or a roll back. */
  jobId: string;
  onClose: () => void;
  /** Offered after a failure in the wizard: back to the plan. */
  onBack?: (() => void) | undefined;
}

/**
 * A migration, live: every step with its status, the data steps with bytes, rate and time left,
 * the progress bar and the job's log; then the outcome, or how it failed and what was undone.
 */
export function MigrationFollow({ migrationId, jobId, onClose, onBack }: MigrationFollowProps) {
  const job = useJob(jobId);
  const { record, progress } = useMigrationRecord(migrationId, jobId);
  const running = job ? job.state === 'running' : record?.state === 'running' || record?.state === 'rolling-back';
  const now = useNow(running);
  const root = usePhaseFocus(job?.state ?? record?.state ?? 'running');

  const steps = migrationSteps(record?.steps ?? [], job ? { state: job.state, step: job.step } : null, progress, now);
  const outcome = jobResult(job, 'migration') ?? record?.outcome ?? null;
  const ended = job
    ? job.state !== 'running'
    : record !== null && record.state !== 'running' && record.state !== 'rolling-back';
  const rollbackJob = job?.kind === 'migration-rollback';
  const succeeded =
    !rollbackJob && outcome !== null && (job ? job.state === 'succeeded' : record?.state === 'completed');
  const rolledBack = rollbackJob && job?.state === 'succeeded';

  return (
    <div
      className="job-follow migration-follow"
      ref={root}
      data-testid="migration-progress"
      data-state={job?.state ?? record?.state ?? 'running'}
    >
      <JobFollow job={job} jobId={jobId} steps={toItems(steps)} stepTestId="migration-step" logTestId="migration-log" />
      <div aria-live="polite">
        {succeeded && outcome && <MigrationOutcomeView outcome={outcome} />}
        {ended && !succeeded && !rolledBack && <Failure job={job} record={record} />}
        {rolledBack && (
          <p className="success-box" data-testid="migration-rolled-back">
            Rolled back: the source runs again, and what the migration made on the target is removed.
          </p>
        )}
      </div>
      <DialogActions>
        {running ? (
          <>
            {job?.cancellable && (
              <button
                type="button"
                className="button button-danger dialog-actions-start"
                data-testid="migration-cancel"
                title="Stops the migration and rolls it back: the source runs again"
                onClick={() => void cancelJob(job.id)}
              >
                Cancel and roll back
              </button>
            )}
            <button
              type="button"
              className="button button-quiet"
              data-autofocus
              title="The migration goes on; follow it in the jobs panel or the Migrations list"
              onClick={onClose}
            >
              Run in background
            </button>
          </>
        ) : (
          <>
            {onBack && !succeeded && (
              <button type="button" className="button button-quiet dialog-actions-start" onClick={onBack}>
                Back to the plan
              </button>
            )}
            <button type="button" className="button" data-autofocus data-testid="migration-done" onClick={onClose}>
              {succeeded ? 'Done' : 'Close'}
            </button>
          </>
        )}
      </DialogActions>
    </div>
  );
}
