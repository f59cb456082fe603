import { useState, type FormEvent } from 'react';
import type { WorkloadSecretInfo } from '../../../shared/index.js';
import { Dialog, DialogActions } from '../dialogs/dialog.js';
import { FormError, TextField } from '../forms/text-field.js';
import type { CoreFailure } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import { storeSecret } from './secret-actions.js';
import { replacesSecret, validateSecretForm, type SecretForm, type SecretProblems } from './secret-form.js';

/**
 * Stores a secret for compose files' `secrets:`. The value is typed into a password field, lives
 * in this dialog's state only and is sent once; the app never reads a value back. A locked vault
 * asks for its passphrase on submit (through the shared vault prompt).
 */
export function AddSecretDialog({ stored, onClose, onStored }: { stored: readonly WorkloadSecretInfo[]; onClose: () => void; onStored: (secret: WorkloadSecretInfo) => void }) {
  const [form, setForm] = useState<SecretForm>({ name: '', value: '' });
  const [problems, setProblems] = useState<SecretProblems>({});
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const replaces = replacesSecret(form.name, stored);
  const name = form.name.trim();

  const update = (changes: Partial<SecretForm>): void => {
    setForm((current) => ({ ...current, ...changes }));
    setProblems((current) => {
      const next = { ...current };
      for (const field of Object.keys(changes)) delete next[field as keyof SecretForm];
      return next;
    });
  };

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
      // The typed value goes with the dialog; nothing of it is kept.
      setForm({ name: '', value: '' });
      pushNotice({ tone: 'info', title: `Stored secret ${outcome.value.name}`, message: `It is in the vault; compose files use it with secrets: { ${outcome.value.name}: { external: true } }.`, code: null });
      onStored(outcome.value);
      return onClose();
    }
    // A closed vault prompt is silent in general; here the user still needs to know nothing was stored.
    setFailure(outcome.failure.silent ? { ...outcome.failure, message: 'The vault is locked, so nothing was stored. Unlock it with its passphrase to store the secret.' } : outcome.failure);
  };

  return (
    <Dialog title="Add a secret" testId="add-secret-dialog" onClose={onClose} size="small" description="A value for compose files’ secrets:, kept encrypted in the vault and written into containers at /run/secrets/NAME when they start.">
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
              <span data-testid="add-secret-replaces">A secret named {name} is stored: its value will be replaced. Running services get the new one when deployed again with every service recreated.</span>
            ) : (
              'The name the compose file gives it under secrets:.'
            )
          }
        />
        <TextField label="Value" type="password" value={form.value} onChange={(value) => update({ value })} testId="add-secret-value" required error={problems.value} autoComplete="off" hint="Sent once to the vault; it is never shown again." />
        {failure && (
          <FormError testId="add-secret-error">
            <p>
              {failure.message} {failure.code && <code className="notice-code">{failure.code}</code>}
            </p>
          </FormError>
        )}
        <DialogActions>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" data-testid="add-secret-submit" disabled={busy}>
            {busy ? 'Storing…' : replaces ? `Replace ${name}` : 'Store secret'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
