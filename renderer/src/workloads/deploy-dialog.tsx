import { useId, useMemo, useState, type FormEvent } from 'react';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import { HostOptions } from '../hosts/host-options.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { useCrossdock } from '../state/store.js';
import { ComposeEditor } from './compose-editor.js';
import { deployProblems, filesForCompose, projectFor, type DeployForm, type DeployProblems } from './deploy-form.js';
import { DeployFailure } from './deploy-failure.js';
import { DeployProgress } from './deploy-progress.js';
import { EnvFilesField } from './env-files-field.js';
import { useComposeExample } from './use-compose-example.js';
import { useComposeValidation } from './use-compose-validation.js';
import { deployWorkload } from './workload-actions.js';

/**
 * Deploys a compose file to a host: the file (pasted or opened, with its env files), checked by
 * the core as it is typed, every problem with its line; then, in the same dialog, the deploy job
 * live. Closing while it runs leaves it running in the jobs panel.
 */
export function DeployDialog({ onClose, initialHost }: { onClose: () => void; initialHost?: string | undefined }) {
  const hosts = useCrossdock((state) => state.hosts);
  const firstConnected = hosts.find((host) => host.status === 'connected') ?? hosts[0];
  const { busy, failure, setFailure, jobId, start, close, backToForm } = useStartedJob(onClose);
  const { form, problems, setProblems, update } = useFormFields<DeployForm, keyof DeployProblems>(
    { host: initialHost ?? firstConnected?.id ?? '', project: '', compose: '', files: [], autoPorts: false },
    () => setFailure(null),
  );
  const [configFile, setConfigFile] = useState<string | undefined>(undefined);
  const ids = { host: useId() };

  // The env_file paths the file names (known from the last check) decide where picked files go.
  const [envPaths, setEnvPaths] = useState<{ path: string }[]>([]);
  const files = useMemo(() => filesForCompose(form.files, envPaths), [form.files, envPaths]);
  const check = useComposeValidation(form.compose, files);
  const example = useComposeExample(form.host);
  const summary = check.validation?.summary ?? null;
  const summaryPaths = summary?.envFiles.map((file) => file.path).join('\n') ?? '';
  if (summaryPaths !== envPaths.map((file) => file.path).join('\n') && summary)
    setEnvPaths(summary.envFiles.map((file) => ({ path: file.path })));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found = deployProblems(form, summary);
    if (Object.keys(found).length > 0) return setProblems(found);
    await start(() =>
      deployWorkload({
        host: form.host,
        compose: form.compose,
        files: Object.keys(files).length > 0 ? files : undefined,
        project: projectFor(form, summary),
        autoPorts: form.autoPorts,
        configFile,
      }),
    );
  };
  const hostName = hosts.find((host) => host.id === form.host)?.name ?? form.host;
  const project = projectFor(form, summary);

  if (jobId) {
    return (
      <Dialog title={`Deploying ${project} to ${hostName}`} testId="deploy-dialog" onClose={close} size="large">
        <div className="dialog-body">
          <DeployProgress jobId={jobId} project={project} hostName={hostName} onClose={close} onEdit={backToForm} />
        </div>
      </Dialog>
    );
  }

  const errors = check.validation?.issues.filter((issue) => issue.severity === 'error').length ?? 0;
  return (
    <Dialog title="Deploy a compose file" testId="deploy-dialog" onClose={close} size="large">
      <form className="dialog-body deploy-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="form-pair">
          <div className="form-field">
            <label className="form-label" htmlFor={ids.host}>
              Host
            </label>
            <select
              id={ids.host}
              className="input"
              value={form.host}
              data-testid="deploy-host"
              aria-invalid={problems.host ? true : undefined}
              onChange={(event) => update({ host: event.target.value })}
            >
              {hosts.length === 0 && <option value="">No hosts yet</option>}
              <HostOptions hosts={hosts} />
            </select>
            {problems.host && <p className="form-error">{problems.host}</p>}
          </div>
          <TextField
            label="Project"
            value={form.project}
            onChange={(value) => update({ project: value })}
            testId="deploy-project"
            mono
            error={problems.project}
            placeholder={summary?.name ?? 'shop'}
            hint={
              summary?.name ? `Empty: ${summary.name}, the file’s name:` : 'Lowercase letters, digits, “_” and “-”.'
            }
          />
        </div>

        <ComposeEditor
          compose={form.compose}
          onChange={(compose) => update({ compose })}
          configFile={configFile}
          onOpen={(name, text) => {
            setConfigFile(name);
            update({ compose: text });
          }}
          check={check}
          problem={problems.compose}
          errors={errors}
          example={example}
          hostName={hosts.find((host) => host.id === form.host)?.name}
        />

        <EnvFilesField files={form.files} summary={summary} onChange={(picked) => update({ files: picked })} />

        <label className="form-check">
          <input
            type="checkbox"
            checked={form.autoPorts}
            data-testid="deploy-auto-ports"
            onChange={(event) => update({ autoPorts: event.target.checked })}
          />
          <span>
            Assign free ports when taken{' '}
            <span className="muted">— publish on the next free port instead of failing</span>
          </span>
        </label>

        {failure && <DeployFailure failure={failure} />}
        <FormActions
          onCancel={close}
          label={project ? `Deploy ${project}` : 'Deploy'}
          testId="deploy-submit"
          busy={busy}
          busyLabel="Starting…"
          disabled={hosts.length === 0 || errors > 0 || check.checking}
        />
      </form>
    </Dialog>
  );
}
