import type { JobInfo } from '../../../shared/index.js';
import { DialogActions } from '../dialogs/dialog.js';
import { cancelJob } from '../state/actions.js';
import { JobLogTail } from './job-log-tail.js';
import { JobProgress } from './job-progress.js';
import { StepList, type StepItem } from './step-list.js';

interface JobFollowProps {
  /** Null while the job is not known yet (a migration followed from its record): no bar then. */
  job: JobInfo | null;
  jobId: string;
  steps: readonly StepItem[];
  stepTestId: string;
  logTestId: string;
}

/** What every dialog that follows a job shows first: the progress bar, the job's steps and its log. */
export function JobFollow({ job, jobId, steps, stepTestId, logTestId }: JobFollowProps) {
  return (
    <>
      {job && <JobProgress job={job} />}
      <StepList steps={steps} testId={stepTestId} />
      <JobLogTail jobId={jobId} testId={logTestId} />
    </>
  );
}

interface JobFollowActionsProps {
  job: JobInfo;
  /** What the cancel button says, e.g. “Cancel deploy”. */
  cancelLabel: string;
  /** Prefix of the buttons' test ids: `-cancel`, `-hide`, `-done`, `-edit`. */
  testId: string;
  /** Closes the dialog while the job goes on, in the jobs panel. */
  onHide: () => void;
  onClose: () => void;
  /** Back to the form, keeping what was typed (after a failure). */
  onEdit: () => void;
}

/** A job started from a form: cancel or hide while it runs, Done after it, back to the form after a failure. */
export function JobFollowActions({ job, cancelLabel, testId, onHide, onClose, onEdit }: JobFollowActionsProps) {
  return (
    <DialogActions>
      {job.state === 'running' ? (
        <>
          {job.cancellable && (
            <button
              type="button"
              className="button button-danger dialog-actions-start"
              data-testid={`${testId}-cancel`}
              onClick={() => void cancelJob(job.id)}
            >
              {cancelLabel}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            data-autofocus
            data-testid={`${testId}-hide`}
            title="The job goes on; follow it in the jobs panel"
            onClick={onHide}
          >
            Run in background
          </button>
        </>
      ) : job.state === 'succeeded' ? (
        <button type="button" className="button" data-autofocus data-testid={`${testId}-done`} onClick={onClose}>
          Done
        </button>
      ) : (
        <>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button" data-autofocus data-testid={`${testId}-edit`} onClick={onEdit}>
            Back to the form
          </button>
        </>
      )}
    </DialogActions>
  );
}
