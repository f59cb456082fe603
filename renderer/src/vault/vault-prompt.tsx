import { useEffect, useState } from 'react';
import { Dialog } from '../dialogs/dialog.js';
import { FormError } from '../forms/text-field.js';
import { refreshVault } from './vault-actions.js';
import { CreateVaultForm } from './create-vault-form.js';
import { UnlockVaultForm } from './unlock-vault-form.js';
import { setVaultPromptMode, settleVaultPrompt, useVaultPrompt } from './vault-prompt-store.js';
import './vault.css';

/** Works out which form to show when the failed call did not say whether the vault exists. */
function CheckingVault() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void refreshVault().then((outcome) => {
      if (!live) return;
      if (!outcome.ok) return setProblem(outcome.failure.message);
      if (outcome.value.unlocked) settleVaultPrompt(true);
      else setVaultPromptMode(outcome.value.initialized ? 'unlock' : 'create');
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="dialog-body">
      {problem ? <FormError>{problem}</FormError> : <p className="muted">Checking the vault…</p>}
    </div>
  );
}

/**
 * Shown when a call needs the vault and it is locked (or was never created). Once it opens,
 * the waiting calls are retried; closing the prompt lets them fail quietly.
 */
export function VaultPrompt() {
  const mode = useVaultPrompt((state) => state.mode);
  if (mode === null) return null;
  const cancel = (
    <button type="button" className="button button-quiet" onClick={() => settleVaultPrompt(false)}>
      Not now
    </button>
  );
  const creating = mode === 'create';
  return (
    <Dialog
      title={creating ? 'Create the vault' : 'Unlock the vault'}
      testId="vault-prompt"
      size="small"
      onClose={() => settleVaultPrompt(false)}
      description={
        creating
          ? 'Crossdock keeps SSH keys and cloud credentials in an encrypted vault. Choose the passphrase that protects it.'
          : 'This needs a secret from the vault. Enter the vault passphrase to continue.'
      }
    >
      {mode === 'check' && <CheckingVault />}
      {mode === 'unlock' && <UnlockVaultForm autoFocus onDone={() => settleVaultPrompt(true)} extraActions={cancel} />}
      {creating && <CreateVaultForm autoFocus onDone={() => settleVaultPrompt(true)} extraActions={cancel} />}
    </Dialog>
  );
}
