import { useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ComposeIssue } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FormError, TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import { HostOptions } from '../hosts/host-options.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import type { CoreFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { ComposeIssues, ComposePreview } from './compose-issues.js';
import { addPicked, deployProblems, filesForCompose, lineRange, projectFor, type DeployForm, type DeployProblems, type PickedFile } from './deploy-form.js';
import { DeployProgress } from './deploy-progress.js';
import { useComposeValidation } from './use-compose-validation.js';
import { deployWorkload } from './workload-actions.js';

const readPicked = (list: FileList | null): Promise<PickedFile[]> => Promise.all([...(list ?? [])].map(async (file) => ({ name: file.name, text: await file.text() })));

/** Puts the cursor on a line of the textarea and scrolls it into view. */
function jumpToLine(textarea: HTMLTextAreaElement | null, issue: ComposeIssue): void {
  if (!textarea || issue.line === null) return;
  const range = lineRange(textarea.value, issue.line, issue.column);
  if (!range) return;
  textarea.focus();
  textarea.setSelectionRange(range.start, range.end);
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  textarea.scrollTop = Math.max(0, (issue.line - 3) * lineHeight);
}

function DeployFailure({ failure }: { failure: CoreFailure }) {
  const issues = Array.isArray(failure.details.issues) ? failure.details.issues.filter((issue): issue is string => typeof issue === 'string') : [];
  return (
    <FormError testId="deploy-error">
      <p>
        {issues.length > 0 ? 'The compose file has problems:' : failure.message} {failure.code && <code className="notice-code">{failure.code}</code>}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
    </FormError>
  );
}

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
  const textarea = useRef<HTMLTextAreaElement>(null);
  const composePicker = useRef<HTMLInputElement>(null);
  const filesPicker = useRef<HTMLInputElement>(null);
  const ids = { host: useId(), compose: useId(), composeHint: useId(), files: useId() };

  // The env_file paths the file names (known from the last check) decide where picked files go.
  const [envPaths, setEnvPaths] = useState<{ path: string }[]>([]);
  const files = useMemo(() => filesForCompose(form.files, envPaths), [form.files, envPaths]);
  const check = useComposeValidation(form.compose, files);
  const summary = check.validation?.summary ?? null;
  const summaryPaths = summary?.envFiles.map((file) => file.path).join('\n') ?? '';
  if (summaryPaths !== envPaths.map((file) => file.path).join('\n') && summary) setEnvPaths(summary.envFiles.map((file) => ({ path: file.path })));

  const openCompose = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const [picked] = await readPicked(event.target.files);
    event.target.value = '';
    if (!picked) return;
    setConfigFile(picked.name);
    update({ compose: picked.text });
  };

  const addFiles = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const picked = await readPicked(event.target.files);
    event.target.value = '';
    if (picked.length > 0) update({ files: addPicked(form.files, picked) });
  };

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
          <DeployProgress jobId={jobId} project={project} hostName={hostName} autoPorts={form.autoPorts} onClose={close} onEdit={backToForm} />
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
            <select id={ids.host} className="input" value={form.host} data-testid="deploy-host" aria-invalid={problems.host ? true : undefined} onChange={(event) => update({ host: event.target.value })}>
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
            hint={summary?.name ? `Empty: ${summary.name}, the file’s name:` : 'Lowercase letters, digits, “_” and “-”.'}
          />
        </div>

        <div className="form-field">
          <div className="compose-label-row">
            <label className="form-label" htmlFor={ids.compose}>
              Compose file{configFile ? <span className="muted"> — {configFile}</span> : null}
            </label>
            <button type="button" className="button button-small button-quiet" data-testid="deploy-open-compose" onClick={() => composePicker.current?.click()}>
              Open file…
            </button>
            <input ref={composePicker} type="file" accept=".yml,.yaml,application/yaml,text/yaml" hidden data-testid="deploy-compose-file" onChange={(event) => void openCompose(event)} />
          </div>
          <textarea
            id={ids.compose}
            ref={textarea}
            className="input mono compose-text"
            rows={14}
            spellCheck={false}
            value={form.compose}
            data-testid="deploy-compose"
            aria-invalid={problems.compose || errors > 0 ? true : undefined}
            aria-describedby={ids.composeHint}
            placeholder={'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"'}
            onChange={(event) => update({ compose: event.target.value })}
          />
          <p id={ids.composeHint} className="form-hint" aria-live="polite" data-testid="deploy-check-state">
            {problems.compose ??
              (check.checking
                ? 'Checking…'
                : check.failure
                  ? `Could not check the file: ${check.failure.message}`
                  : check.validation
                    ? check.validation.valid
                      ? 'The file is valid.'
                      : 'The file has problems; they are listed below.'
                    : 'Checked as you type; nothing is sent to a host until you deploy.')}
          </p>
          {check.validation && <ComposeIssues issues={check.validation.issues} onJump={(issue) => jumpToLine(textarea.current, issue)} />}
          {check.validation && <ComposePreview validation={check.validation} />}
        </div>

        <div className="form-field">
          <div className="compose-label-row">
            <span className="form-label" id={ids.files}>
              Env files and .env
            </span>
            <button type="button" className="button button-small button-quiet" data-testid="deploy-add-files" onClick={() => filesPicker.current?.click()}>
              Add files…
            </button>
            <input ref={filesPicker} type="file" multiple hidden data-testid="deploy-env-files" onChange={(event) => void addFiles(event)} />
          </div>
          <ul className="picked-files" aria-labelledby={ids.files} data-testid="deploy-picked-files">
            {form.files.map((file) => (
              <li key={file.name}>
                <span className="mono">{file.name}</span>
                <button type="button" className="icon-button" aria-label={`Remove ${file.name}`} title={`Remove ${file.name}`} onClick={() => update({ files: form.files.filter((f) => f.name !== file.name) })}>
                  <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" />
                  </svg>
                </button>
              </li>
            ))}
            {summary?.envFiles
              .filter((envFile) => !envFile.provided)
              .map((envFile) => (
                <li key={`missing:${envFile.path}`} className={envFile.required ? 'form-error' : 'muted'}>
                  <span className="mono">{envFile.path}</span> {envFile.required ? 'is needed: add it' : 'is optional and not given'}
                </li>
              ))}
          </ul>
          {form.files.length === 0 && !summary?.envFiles.length && <p className="form-hint">The files the compose file’s env_file names, and a .env for ${'{'}VARIABLES{'}'}.</p>}
        </div>

        <label className="form-check">
          <input type="checkbox" checked={form.autoPorts} data-testid="deploy-auto-ports" onChange={(event) => update({ autoPorts: event.target.checked })} />
          <span>
            Assign free ports when taken <span className="muted">— publish on the next free port instead of failing</span>
          </span>
        </label>

        {failure && <DeployFailure failure={failure} />}
        <FormActions onCancel={close} label={project ? `Deploy ${project}` : 'Deploy'} testId="deploy-submit" busy={busy} busyLabel="Starting…" disabled={hosts.length === 0 || errors > 0 || check.checking} />
      </form>
    </Dialog>
  );
}
