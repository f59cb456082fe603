import { useState, type FormEvent } from 'react';
import type { ImageSummary } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { useCrossdock } from '../state/store.js';
import { imageName, sendImage } from './image-actions.js';
import { ImageJobProgress } from './image-job-progress.js';

/** Sends an image from its host to the hosts ticked, only the layers each lacks, then follows the job. */
export function SendImageDialog({ image, onClose }: { image: ImageSummary; onClose: () => void }) {
  const hosts = useCrossdock((state) => state.hosts).filter((host) => host.id !== image.hostId);
  const [targets, setTargets] = useState<string[]>([]);
  const { busy, failure, setFailure, jobId, start, close, backToForm } = useStartedJob(onClose);
  const name = imageName(image);
  const what = `Sending ${name} from ${image.hostName}`;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await start(() => sendImage(image, targets));
  };

  if (jobId) {
    return (
      <Dialog title={what} testId="image-send-dialog" onClose={close}>
        <div className="dialog-body">
          <ImageJobProgress jobId={jobId} what={what} onClose={close} onEdit={backToForm} />
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={`Send ${name} to hosts`} testId="image-send-dialog" onClose={close}>
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <p>
          From <strong>{image.hostName}</strong>, straight to each host over SSH where it can reach it (else through
          this computer); a host gets only the layers it lacks.
        </p>
        <fieldset className="form-field">
          <legend className="form-label">To</legend>
          {hosts.length === 0 && <p className="muted">No other hosts yet.</p>}
          {hosts.map((host) => (
            <label className="form-check" key={host.id}>
              <input
                type="checkbox"
                data-testid="image-send-target"
                value={host.id}
                checked={targets.includes(host.id)}
                onChange={(event) => {
                  setFailure(null);
                  setTargets((now) => (event.target.checked ? [...now, host.id] : now.filter((id) => id !== host.id)));
                }}
              />
              {host.name}
              {host.status === 'connected' ? '' : ` (${host.status})`}
            </label>
          ))}
        </fieldset>
        {failure && <FailureAlert failure={failure} testId="image-job-failure" />}
        <FormActions
          onCancel={close}
          label={targets.length > 1 ? `Send to ${targets.length} hosts` : 'Send'}
          testId="image-send-submit"
          busy={busy}
          busyLabel="Starting…"
          disabled={targets.length === 0}
        />
      </form>
    </Dialog>
  );
}
