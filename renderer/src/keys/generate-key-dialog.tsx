import { useState, type FormEvent } from 'react';
import type { SshKeyInfo } from '../../../shared/index.js';
import { Dialog, DialogActions } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FormError, TextField } from '../forms/text-field.js';
import type { CoreFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { generateKey } from './key-actions.js';
import { keyNameProblem, uniqueKeyName } from './key-name.js';
import { PublicKeyBox } from './public-key-box.js';

interface GenerateKeyDialogProps {
  onClose: () => void;
  /** Told about the new key as soon as it exists (the add-host dialog selects it). */
  onGenerated?: (key: SshKeyInfo) => void;
}

/** Makes an ed25519 key pair in the vault, then shows the public half to put on servers. */
export function GenerateKeyDialog({ onClose, onGenerated }: GenerateKeyDialogProps) {
  const keys = useCrossdock((state) => state.keys);
  const [name, setName] = useState(() =>
    uniqueKeyName(
      'crossdock-ed25519',
      (keys ?? []).map((k) => k.name),
    ),
  );
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [key, setKey] = useState<SshKeyInfo | null>(null);
  const problem = keyNameProblem(name);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    if (problem) return;
    setBusy(true);
    const outcome = await generateKey(name.trim());
    setBusy(false);
    if (!outcome.ok) return setFailure(outcome.failure.silent ? null : outcome.failure);
    setKey(outcome.value);
    onGenerated?.(outcome.value);
  };

  return (
    <Dialog
      title={key ? 'Key generated' : 'Generate an SSH key'}
      testId="generate-key-dialog"
      onClose={onClose}
      size={key ? 'large' : 'medium'}
    >
      {key ? (
        <div className="dialog-body">
          <p>
            <strong>{key.name}</strong> is in the vault ({key.type}, <span className="mono">{key.fingerprint}</span>).
            Its private half never leaves Crossdock.
          </p>
          <PublicKeyBox publicKey={key.publicKey} name={key.name} />
          <DialogActions>
            <button type="button" className="button" data-testid="generate-key-done" data-autofocus onClick={onClose}>
              Done
            </button>
          </DialogActions>
        </div>
      ) : (
        <form className="dialog-body" onSubmit={(event) => void submit(event)}>
          <p className="muted">
            A new ed25519 key pair is created inside the vault. You get its public key to add to your servers.
          </p>
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            testId="generate-key-name"
            autoFocus
            error={checked ? problem : null}
          />
          {failure && <FormError>{failure.message}</FormError>}
          <FormActions
            onCancel={onClose}
            label="Generate"
            testId="generate-key-submit"
            busy={busy}
            busyLabel="Generating…"
          />
        </form>
      )}
    </Dialog>
  );
}
