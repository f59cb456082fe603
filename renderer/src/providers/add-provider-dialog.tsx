import { useState, type FormEvent } from 'react';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { Segmented } from '../forms/segmented.js';
import { TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import type { CoreFailure } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import {
  EMPTY_ADD_PROVIDER_FORM,
  validateAddProvider,
  type AddProviderForm,
  type AddProviderProblems,
} from './add-provider-form.js';
import { AwsCredentialFields } from './aws-credential-fields.js';
import { GcpKeyFields } from './gcp-key-fields.js';
import { addProvider } from './provider-actions.js';

const HINTS: Partial<Record<NonNullable<CoreFailure['code']>, string>> = {
  PROVIDER_AUTH_FAILED: 'Nothing was saved. Check the credentials (and the endpoint, if you gave one), then try again.',
  ALREADY_EXISTS: 'Pick another name.',
};

/**
 * Adds an AWS, Google Cloud, Hetzner Cloud or DigitalOcean account. The form is checked with the contract's schema before
 * anything is sent; the core then proves the credentials with a cheap read call, and a refusal
 * (PROVIDER_AUTH_FAILED) is shown here with the dialog still open and nothing saved. The
 * secrets live in this component's state only, gone when the dialog closes.
 */
export function AddProviderDialog({ onClose }: { onClose: () => void }) {
  const { form, problems, setProblems, update } = useFormFields<AddProviderForm, keyof AddProviderProblems>(
    EMPTY_ADD_PROVIDER_FORM,
  );
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [busy, setBusy] = useState(false);

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
      pushNotice({
        tone: 'info',
        title: `Added ${outcome.value.name}`,
        message: 'Its credentials were checked and are kept in the vault. Machines can be created on it now.',
        code: null,
      });
      return onClose();
    }
    setFailure(outcome.failure.silent ? null : outcome.failure);
  };

  const aws = form.kind === 'aws';
  const hetzner = form.kind === 'hetzner';
  const digitalocean = form.kind === 'digitalocean';
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
            { value: 'hetzner', label: 'Hetzner Cloud' },
            { value: 'digitalocean', label: 'DigitalOcean' },
          ]}
          onChange={(kind) => update({ kind })}
        />
        <TextField
          label="Name"
          value={form.name}
          onChange={(name) => update({ name })}
          testId="add-provider-name"
          autoFocus
          error={problems.name}
          hint="How the account is called in Crossdock, e.g. work or prod."
        />
        <TextField
          label={aws || digitalocean ? 'Region' : hetzner ? 'Location' : 'Zone'}
          mono
          value={form.region}
          onChange={(region) => update({ region })}
          testId="add-provider-region"
          error={problems.region}
          placeholder={aws ? 'eu-west-1' : hetzner ? 'fsn1' : digitalocean ? 'fra1' : 'europe-west1-b'}
          hint={
            aws
              ? 'The default region, where the credentials are checked; machines can be made in any region of the account.'
              : hetzner
                ? 'The default location (fsn1, nbg1, hel1, ash, hil, sin); machines can be made in any of them.'
                : digitalocean
                  ? 'The default region (fra1, ams3, lon1, nyc3, sfo3, sgp1…); machines can be made in any of them.'
                  : 'The default zone; machines can be made in any zone of the project.'
          }
        />
        {aws ? (
          <AwsCredentialFields form={form} problems={problems} update={update} />
        ) : hetzner || digitalocean ? (
          <TextField
            label="API token"
            type="password"
            value={form.token}
            onChange={(token) => update({ token })}
            testId="add-provider-token"
            error={problems.token}
            autoComplete="off"
            hint={
              hetzner
                ? 'A read & write token from the project’s Security → API tokens. It is checked, then kept in the vault.'
                : 'A personal access token with read and write scopes (API → Tokens). It is checked, then kept in the vault.'
            }
          />
        ) : (
          <GcpKeyFields
            form={form}
            problems={problems}
            update={update}
            onProblem={(message) => setProblems((current) => ({ ...current, serviceAccountJson: message }))}
          />
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
        <FormActions
          onCancel={onClose}
          label="Check and add"
          testId="add-provider-submit"
          busy={busy}
          busyLabel="Checking the credentials…"
        />
      </form>
    </Dialog>
  );
}
