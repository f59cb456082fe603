import { JOB_KINDS, jobResult, type JobInfo } from '../../../shared/index.js';
import { formatBytes } from '../../../shared/text/bytes.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { declaredSteps } from '../jobs/declared-steps.js';
import { JobFailure } from '../jobs/job-failure.js';
import { JobFollow, JobFollowActions } from '../jobs/job-follow.js';
import { useJob } from '../jobs/use-job.js';

function Report({ job }: { job: JobInfo }) {
  const pulled = jobResult(job, 'image-pull');
  if (pulled) {
    return (
      <p className="success-box" data-testid="image-job-report">
        Pulled <strong>{pulled.image}</strong> on <strong>{pulled.host}</strong>: {pulled.layers} layers (
        {pulled.layersExisting} already there), {formatBytes(pulled.bytes)} downloaded.
      </p>
    );
  }
  const sent = jobResult(job, 'image-send');
  if (!sent) return null;
  return (
    <div className="success-box" data-testid="image-job-report">
      <p>
        <strong>{sent.image}</strong> from <strong>{sent.source}</strong>:
      </p>
      <ul>
        {sent.targets.map((target) => (
          <li key={target.host}>
            {target.host}:{' '}
            {target.sent
              ? `${formatBytes(target.bytes)} sent, ${target.layers - target.layersHeld} of ${target.layers} layers (${target.layersHeld} held), ${target.route.kind} route`
              : 'already there, nothing sent'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An image pull or send, live: its declared steps, progress bar (bytes in the detail), log, then the report. */
export function ImageJobProgress({
  jobId,
  what,
  onClose,
  onEdit,
}: {
  jobId: string;
  what: string;
  onClose: () => void;
  onEdit: () => void;
}) {
  const job = useJob(jobId);
  const root = usePhaseFocus(job?.state ?? 'running');
  if (!job) return <p className="muted">Starting…</p>;
  const steps =
    job.kind === 'image-pull' || job.kind === 'image-send' ? declaredSteps<string>(JOB_KINDS[job.kind].steps, job) : [];
  const ended = job.state === 'failed' || job.state === 'interrupted' || job.state === 'cancelled';
  return (
    <div className="job-follow" ref={root} data-testid="image-job-progress" data-state={job.state}>
      <JobFollow job={job} jobId={jobId} steps={steps} stepTestId="image-job-step" logTestId="image-job-log" />
      <div aria-live="polite">
        <Report job={job} />
        {ended && (
          <JobFailure
            testId="image-job-error"
            cancelled={job.state === 'cancelled'}
            error={job.error}
            cancelledText={`${what} was cancelled.`}
            endedText={`${what} ended ${job.state}.`}
          />
        )}
      </div>
      <JobFollowActions
        job={job}
        cancelLabel="Cancel"
        testId="image-job"
        onHide={onClose}
        onClose={onClose}
        onEdit={onEdit}
      />
    </div>
  );
}
