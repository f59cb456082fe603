import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { Segmented } from '../forms/segmented.js';
import { TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import type { CoreFailure } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import { EMPTY_ADD_PROVIDER_FORM, validateAddProvider, type AddProviderForm, type AddProviderProblems } from './add-provider-form.js';
import { addProvider } from './provider-actions.js';

/** A service-account key is a few KB; the contract takes at most 64 KB. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

const HINTS: Partial<Record<NonNullable<CoreFailure['code']>, string>> = {
  PROVIDER_AUTH_FAILED: 'Nothing was saved. Check the credentials (and the endpoint, if you gave one), then try again.',
  ALREADY_EXISTS: 'Pick another name.',
};

/**
 * Adds an AWS or Google Cloud account. The form is checked with the contract's schema before
 * anything is sent; the core then proves the credentials with a cheap read call, and a refusal
 * (PROVIDER_AUTH_FAILED) is shown here with the dialog still open and nothing saved. The
 * secrets live in this component's state only, gone when the dialog closes.
 */
export function AddProviderDialog({ onClose }: { onClose: () => void }) {
  const { form, problems, setProblems, update } = useFormFields<AddProviderForm, keyof AddProviderProblems>(EMPTY_ADD_PROVIDER_FORM);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [keySource, setKeySource] = useState<'paste' | 'file'>('paste');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      update({ serviceAccountJson: '' });
      setFileNote(null);
      setProblems((current) => ({ ...current, serviceAccountJson: `${file.name} is ${Math.round(file.size / 1024)} KB; a service-account key is a few KB. Pick the JSON key file.` }));
      return;
    }
    update({ serviceAccountJson: await file.text() });
    setFileNote(`Read ${file.name}.`);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = validateAddProvider(form);
    if ('problems' in result) {
      setFailure(null);
      return setProblems(result.problems);
    }
    setBusy(true);
    const outcome = await addProvider(result.args);
    setBusy(false);
    if (outcome.ok) {
      pushNotice({ tone: 'info', title: `Added ${outcome.value.name}`, message: 'Its credentials were checked and are kept in the vault. Machines can be created on it now.', code: null });
      return onClose();
    }
    setFailure(outcome.failure.silent ? null : outcome.failure);
  };

  const aws = form.kind === 'aws';
  const hint = failure?.code ? HINTS[failure.code] : undefined;

  return (
    <Dialog title="Add a provider" testId="add-provider-dialog" onClose={onClose} size="large">
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <Segmented
          legend="Cloud"
          name="provider-kind"
          value={form.kind}
          options={[
            { value: 'aws', label: 'AWS EC2' },
            { value: 'gcp', label: 'Google Compute Engine' },
          ]}
          onChange={(kind) => update({ kind })}
        />
        <TextField label="Name" value={form.name} onChange={(name) => update({ name })} testId="add-provider-name" autoFocus error={problems.name} hint="How the account is called in Crossdock, e.g. work or prod." />
        <TextField
          label={aws ? 'Region' : 'Zone'}
          mono
          value={form.region}
          onChange={(region) => update({ region })}
          testId="add-provider-region"
          error={problems.region}
          placeholder={aws ? 'eu-west-1' : 'europe-west1-b'}
          hint={aws ? 'The default region, where the credentials are checked; machines can be made in any region of the account.' : 'The default zone; machines can be made in any zone of the project.'}
        />
        {aws ? (
          <>
            <Segmented
              legend="Credentials"
              name="aws-credentials"
              value={form.awsCredentials}
              options={[
                { value: 'keys', label: 'Access key' },
                { value: 'profile', label: 'Profile from ~/.aws' },
              ]}
              onChange={(awsCredentials) => update({ awsCredentials })}
            />
            {form.awsCredentials === 'keys' ? (
              <div className="form-pair">
                <TextField label="Access key ID" mono value={form.accessKeyId} onChange={(accessKeyId) => update({ accessKeyId })} testId="add-provider-access-key-id" error={problems.accessKeyId} placeholder="AKIA…" />
                <TextField label="Secret access key" type="password" value={form.secretAccessKey} onChange={(secretAccessKey) => update({ secretAccessKey })} testId="add-provider-secret-access-key" error={problems.secretAccessKey} autoComplete="off" />
              </div>
            ) : (
              <TextField
                label="Profile"
                mono
                value={form.profile}
                onChange={(profile) => update({ profile })}
                testId="add-provider-profile"
                error={problems.profile}
                placeholder="default"
                hint="A profile in ~/.aws/credentials or ~/.aws/config on the computer that runs the Crossdock core; it is read there, each time it is needed."
              />
            )}
          </>
        ) : (
          <>
            <Segmented
              legend="Service-account key"
              name="gcp-key-source"
              value={keySource}
              options={[
                { value: 'paste', label: 'Paste' },
                { value: 'file', label: 'File' },
              ]}
              onChange={setKeySource}
            />
            {keySource === 'paste' ? (
              <TextField
                label="Key (JSON)"
                multiline
                mono
                value={form.serviceAccountJson}
                onChange={(serviceAccountJson) => update({ serviceAccountJson })}
                testId="add-provider-service-account"
                error={problems.serviceAccountJson}
                placeholder='{"type": "service_account", …}'
              />
            ) : (
              <div className="form-field">
                <label className="form-label" htmlFor="add-provider-key-file">
                  Key file
                </label>
                <input id="add-provider-key-file" type="file" accept="application/json,.json" className="file-input" data-testid="add-provider-key-file" onChange={(event) => void onFile(event)} />
                <p className="form-hint">{fileNote ?? 'The JSON key of a service account allowed to use Compute Engine (Keys → Add key → JSON).'}</p>
                {problems.serviceAccountJson && <p className="form-error">{problems.serviceAccountJson}</p>}
              </div>
            )}
          </>
        )}
        <TextField
          label="Endpoint (optional)"
          mono
          value={form.endpoint}
          onChange={(endpoint) => update({ endpoint })}
          testId="add-provider-endpoint"
          error={problems.endpoint}
          placeholder="https://…"
          hint="Only for a private API gateway or an emulator; leave empty to use the provider’s own."
        />
        {failure && (
          <FailureAlert failure={failure} testId="add-provider-error">
            {hint && <p className="muted">{hint}</p>}
          </FailureAlert>
        )}
        <FormActions onCancel={onClose} label="Check and add" testId="add-provider-submit" busy={busy} busyLabel="Checking the credentials…" />
      </form>
    </Dialog>
  );
}
