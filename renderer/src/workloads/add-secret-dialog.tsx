import { useState, type FormEvent } from 'react';
import type { WorkloadSecretInfo } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import type { CoreFailure } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import { storeSecret } from './secret-actions.js';
import { replacesSecret, validateSecretForm, type SecretForm } from './secret-form.js';

/**
 * Stores a secret for compose files' `secrets:`. The value is typed into a password field, lives
 * in this dialog's state only and is sent once; the app never reads a value back. A locked vault
 * asks for its passphrase on submit (through the shared vault prompt).
 */
export function AddSecretDialog({
  stored,
  onClose,
  onStored,
}: {
  stored: readonly WorkloadSecretInfo[];
  onClose: () => void;
  onStored: (secret: WorkloadSecretInfo) => void;
}) {
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const { form, problems, setProblems, update } = useFormFields<SecretForm, keyof SecretForm>(
    { name: '', value: '' },
    () => setFailure(null),
  );
  const [busy, setBusy] = useState(false);
  const replaces = replacesSecret(form.name, stored);
  const name = form.name.trim();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const result = validateSecretForm(form);
    if ('problems' in result) {
      setFailure(null);
      return setProblems(result.problems);
    }
    setBusy(true);
    const outcome = await storeSecret(result.args);
    setBusy(false);
    if (outcome.ok) {
      // The typed value goes with the dialog (its state); nothing of it is kept anywhere else.
      pushNotice({
        tone: 'info',
        title: `Stored secret ${outcome.value.name}`,
        message: `It is in the vault; compose files use it with secrets: { ${outcome.value.name}: { external: true } }.`,
        code: null,
      });
      onStored(outcome.value);
      return onClose();
    }
    // A closed vault prompt is silent in general; here the user still needs to know nothing was stored.
    setFailure(
      outcome.failure.silent
        ? {
            ...outcome.failure,
            silent: false,
            message: 'The vault is locked, so nothing was stored. Unlock it with its passphrase to store the secret.',
          }
        : outcome.failure,
    );
  };

  return (
    <Dialog
      title="Add a secret"
      testId="add-secret-dialog"
      onClose={onClose}
      size="small"
      description="A value for compose files’ secrets:, kept encrypted in the vault and written into containers at /run/secrets/NAME when they start."
    >
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Name"
          mono
          value={form.name}
          onChange={(value) => update({ name: value })}
          testId="add-secret-name"
          autoFocus
          required
          error={problems.name}
          placeholder="db_password"
          hint={
            replaces ? (
              <span data-testid="add-secret-replaces">
                A secret named {name} is stored: its value will be replaced. Running services get the new one when
                deployed again with every service recreated.
              </span>
            ) : (
              'The name the compose file gives it under secrets:.'
            )
          }
        />
        <TextField
          label="Value"
          type="password"
          value={form.value}
          onChange={(value) => update({ value })}
          testId="add-secret-value"
          required
          error={problems.value}
          autoComplete="off"
          hint="Sent once to the vault; it is never shown again."
        />
        {failure && <FailureAlert failure={failure} testId="add-secret-error" />}
        <FormActions
          onCancel={onClose}
          testId="add-secret-submit"
          busy={busy}
          busyLabel="Storing…"
          label={replaces ? `Replace ${name}` : 'Store secret'}
        />
      </form>
    </Dialog>
  );
}
