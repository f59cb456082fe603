import { useState } from 'react';
import { TextField } from '../forms/text-field.js';
import type { CoreFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { createKeychainVault, createVault } from './vault-actions.js';
import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem } from './passphrase-rules.js';
import { FailureText, useSubmit, type FormProps } from './vault-form-parts.js';

export function CreateVaultForm({ onDone, extraActions, autoFocus }: FormProps) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [checked, setChecked] = useState(false);
  const keychainAvailable = useCrossdock((state) => state.vault?.keychainAvailable === true);
  const problem = newPassphraseProblem(passphrase, again);
  const keychain = useSubmit(() => createKeychainVault(), onDone);
  const { busy, failure, onSubmit } = useSubmit(() => {
    setChecked(true);
    return problem ? null : createVault(passphrase);
  }, onDone);
  return (
    <form className="dialog-body vault-form" onSubmit={onSubmit} data-testid="vault-create-form">
      <TextField
        label="New passphrase"
        type="password"
        value={passphrase}
        onChange={setPassphrase}
        testId="vault-passphrase"
        autoFocus={autoFocus ?? false}
        autoComplete="new-password"
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. Crossdock cannot recover it: without it, the secrets in the vault are lost.`}
        error={checked && problem?.field === 'passphrase' ? problem.message : null}
      />
      <TextField
        label="The same passphrase again"
        type="password"
        value={again}
        onChange={setAgain}
        testId="vault-passphrase-again"
        autoComplete="new-password"
        error={checked && problem?.field === 'again' ? problem.message : null}
      />
      {(failure ?? keychain.failure) && <FailureText failure={(failure ?? keychain.failure) as CoreFailure} />}
      {keychainAvailable && (
        <p className="muted">
          Or let the system keychain protect the vault: no passphrase to type in this app, but the CLI and the web mode
          (which need CROSSDOCK_PASSPHRASE) will not be able to open it.
        </p>
      )}
      <div className="dialog-actions">
        {extraActions}
        {keychainAvailable && (
          <button
            type="button"
            className="button button-quiet"
            data-testid="vault-use-keychain"
            disabled={busy || keychain.busy}
            onClick={keychain.onSubmit}
          >
            {keychain.busy ? 'Creating…' : 'Use the system keychain'}
          </button>
        )}
        <button type="submit" className="button" data-testid="vault-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create vault'}
        </button>
      </div>
    </form>
  );
}
