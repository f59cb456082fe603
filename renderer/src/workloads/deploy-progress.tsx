import { jobResult, type DeployReport } from '../../../shared/index.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { JobFailure } from '../jobs/job-failure.js';
import { JobFollow, JobFollowActions } from '../jobs/job-follow.js';
import { useJob } from '../jobs/use-job.js';
import { deployStages } from './deploy-stages.js';

const ACTION_WORD: Record<DeployReport['services'][number]['action'], string> = {
  created: 'created',
  recreated: 'recreated (its configuration or image changed)',
  started: 'started',
  unchanged: 'unchanged',
  removed: 'removed (no longer in the file)',
};

function Report({ report }: { report: DeployReport }) {
  return (
    <div className="success-box" data-testid="deploy-report">
      <p>
        <strong>{report.project}</strong> {report.changed ? 'is deployed' : 'was already as the file says'} on{' '}
        <strong>{report.host}</strong>.
      </p>
      <ul>
        {report.services.map((service) => (
          <li key={`${service.name}:${service.action}`}>
            {service.name}: {ACTION_WORD[service.action]} <span className="mono muted">{service.container}</span>
          </li>
        ))}
      </ul>
      {report.reassignedPorts.length > 0 && (
        <p data-testid="deploy-reassigned">
          Ports moved because they were taken:{' '}
          {report.reassignedPorts
            .map(
              (moved) =>
                `${moved.service} ${moved.wanted}→${moved.assigned}/${moved.protocol} (${moved.wanted} is held by ${moved.holder})`,
            )
            .join('; ')}
          .
        </p>
      )}
    </div>
  );
}

interface DeployProgressProps {
  jobId: string;
  project: string;
  hostName: string;
  onClose: () => void;
  /** Back to the form, keeping what was typed. */
  onEdit: () => void;
}

/** The deploy job, live: stages, progress bar, log, then the report or the error. */
export function DeployProgress({ jobId, project, hostName, onClose, onEdit }: DeployProgressProps) {
  const job = useJob(jobId);
  const root = usePhaseFocus(job?.state ?? 'running');

  if (!job) return <p className="muted">Starting…</p>;
  const report = jobResult(job, 'deploy');
  const ended = job.state === 'failed' || job.state === 'interrupted' || job.state === 'cancelled';

  return (
    <div className="job-follow" ref={root} data-testid="deploy-progress" data-state={job.state}>
      <JobFollow
        job={job}
        jobId={jobId}
        steps={job.kind === 'deploy' ? deployStages(job) : []}
        stepTestId="deploy-stage"
        logTestId="deploy-log"
      />
      <div aria-live="polite">
        {report && <Report report={report} />}
        {ended && (
          <JobFailure
            testId="deploy-job-error"
            cancelled={job.state === 'cancelled'}
            error={job.error}
            cancelledText={`Deploying ${project} to ${hostName} was cancelled.`}
            endedText={`Deploying ${project} ended ${job.state}.`}
          />
        )}
      </div>
      <JobFollowActions
        job={job}
        cancelLabel="Cancel deploy"
        testId="deploy"
        onHide={onClose}
        onClose={onClose}
        onEdit={onEdit}
      />
    </div>
  );
}
