import { useState } from 'react';
import { TextField } from '../forms/text-field.js';
import { unlockVault } from './vault-actions.js';
import { FailureText, useSubmit, type FormProps } from './vault-form-parts.js';

export function UnlockVaultForm({ onDone, extraActions, autoFocus }: FormProps) {
  const [passphrase, setPassphrase] = useState('');
  const { busy, failure, onSubmit } = useSubmit(() => (passphrase === '' ? null : unlockVault(passphrase)), onDone);
  return (
    <form className="dialog-body vault-form" onSubmit={onSubmit} data-testid="vault-unlock-form">
      <TextField
        label="Passphrase"
        type="password"
        value={passphrase}
        onChange={setPassphrase}
        testId="vault-passphrase"
        autoFocus={autoFocus ?? false}
        autoComplete="current-password"
      />
      {failure && <FailureText failure={failure} />}
      <div className="dialog-actions">
        {extraActions}
        <button type="submit" className="button" data-testid="vault-submit" disabled={busy || passphrase === ''}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
