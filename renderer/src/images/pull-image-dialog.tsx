import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { TextField } from '../forms/text-field.js';
import { HostOptions } from '../hosts/host-options.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { useCrossdock } from '../state/store.js';
import { pullImage } from './image-actions.js';
import { ImageJobProgress } from './image-job-progress.js';

/** Pulls an image onto a host (with the vault's registry login), then follows the job in place. */
export function PullImageDialog({ onClose }: { onClose: () => void }) {
  const hosts = useCrossdock((state) => state.hosts);
  const first = hosts.find((host) => host.status === 'connected') ?? hosts[0];
  const [host, setHost] = useState(first?.id ?? '');
  const [image, setImage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, failure, setFailure, jobId, start, close, backToForm } = useStartedJob(onClose);
  const hostId = useId();
  const hostName = hosts.find((h) => h.id === host)?.name ?? host;
  const what = `Pulling ${image.trim()} on ${hostName}`;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!image.trim()) return setProblem('Name the image: postgres:16, ghcr.io/OWNER/NAME:TAG');
    await start(() => pullImage(host, image.trim()));
  };

  if (jobId) {
    return (
      <Dialog title={what} testId="image-pull-dialog" onClose={close}>
        <div className="dialog-body">
          <ImageJobProgress jobId={jobId} what={what} onClose={close} onEdit={backToForm} />
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="Pull an image" testId="image-pull-dialog" onClose={close}>
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <div className="form-field">
          <label className="form-label" htmlFor={hostId}>
            Host
          </label>
          <select
            id={hostId}
            className="input"
            value={host}
            data-testid="image-pull-host"
            onChange={(event) => {
              setHost(event.target.value);
              setFailure(null);
            }}
          >
            <HostOptions hosts={hosts} />
          </select>
        </div>
        <TextField
          label="Image"
          value={image}
          onChange={(value) => {
            setImage(value);
            setProblem(null);
            setFailure(null);
          }}
          testId="image-pull-image"
          mono
          autoFocus
          placeholder="postgres:16"
          error={problem}
          hint="The host pulls it itself, with the login saved in Settings → Registries for its registry, if any."
        />
        {failure && <FailureAlert failure={failure} testId="image-job-failure" />}
        <FormActions
          onCancel={close}
          label="Pull"
          testId="image-pull-submit"
          busy={busy}
          busyLabel="Starting…"
          disabled={hosts.length === 0}
        />
      </form>
    </Dialog>
  );
}
