import { jobResult } from '../../../shared/index.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { JobFailure } from '../jobs/job-failure.js';
import { JobFollow, JobFollowActions } from '../jobs/job-follow.js';
import { useJob } from '../jobs/use-job.js';
import { machineStages } from './machine-stages.js';

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
  const job = useJob(jobId);
  const root = usePhaseFocus(job?.state ?? 'running');

  if (!job) return <p className="muted">Starting…</p>;
  const machine = jobResult(job, 'machine-create');

  return (
    <div className="job-follow machine-progress" ref={root} data-testid="machine-progress" data-state={job.state}>
      <JobFollow
        job={job}
        jobId={jobId}
        steps={job.kind === 'machine-create' ? machineStages(job) : []}
        stepTestId="machine-stage"
        logTestId="machine-progress-log"
      />
      <div aria-live="polite">
        {machine && (
          <p className="machine-ready" data-testid="machine-ready">
            <strong>{machine.name}</strong> is running
            {machine.address ? (
              <>
                {' '}
                at <span className="mono">{machine.address}</span>
              </>
            ) : null}{' '}
            with Docker, and listed as host <strong>{machine.hostName ?? machine.name}</strong>.
          </p>
        )}
        {(job.state === 'failed' || job.state === 'interrupted' || job.state === 'cancelled') && (
          <JobFailure
            testId="machine-create-error"
            cancelled={job.state === 'cancelled'}
            error={job.error}
            cancelledText={`Creating ${name} was cancelled.`}
            endedText={`Creating ${name} ended ${job.state}.`}
          >
            <p className="muted">
              What was made before that (the machine, its host) is listed under Machines and Hosts; destroy it there, or
              fix the form and try again.
            </p>
          </JobFailure>
        )}
      </div>
      <JobFollowActions
        job={job}
        cancelLabel="Cancel creation"
        testId="machine-create"
        onHide={onHide}
        onClose={onClose}
        onEdit={onEdit}
      />
    </div>
  );
}
