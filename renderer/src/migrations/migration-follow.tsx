import { useEffect, useRef } from 'react';
import { jobResult } from '../../../shared/index.js';
import { DialogActions } from '../dialogs/dialog.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { JobFollow } from '../jobs/job-follow.js';
import { useJob } from '../jobs/use-job.js';
import { useNow } from '../shell/use-now.js';
import { cancelJob } from '../state/actions.js';
import { MigrationFailure } from './migration-failure.js';
import { MigrationOutcomeView } from './migration-outcome.js';
import { toItems } from './migration-step-items.js';
import { migrationSteps } from './migration-steps.js';
import { useMigrationRecord } from './use-migration-record.js';

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

  // The outcome (or how it failed) comes below the steps and the log, under the dialog's fold:
  // once the migration ends, bring it and the buttons after it into view (after the phase focus,
  // which has put focus on Done).
  const ending = useRef<HTMLDivElement>(null);
  const shown = ended ? (succeeded ? 'outcome' : rolledBack ? 'rolled-back' : 'failure') : null;
  useEffect(() => {
    if (shown) ending.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);

  return (
    <div
      className="job-follow migration-follow"
      ref={root}
      data-testid="migration-progress"
      data-state={job?.state ?? record?.state ?? 'running'}
    >
      <JobFollow job={job} jobId={jobId} steps={toItems(steps)} stepTestId="migration-step" logTestId="migration-log" />
      <div className="migration-ending" ref={ending}>
        <div aria-live="polite">
          {succeeded && outcome && <MigrationOutcomeView outcome={outcome} />}
          {ended && !succeeded && !rolledBack && <MigrationFailure job={job} record={record} />}
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
    </div>
  );
}
