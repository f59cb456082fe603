import { useState, type FormEvent, type ReactNode } from 'react';
import { FormError, TextField } from '../forms/text-field.js';
import type { CoreFailure, Outcome } from '../state/core-call.js';
import { ERROR_HINTS } from '../state/error-intent.js';
import { useCrossdock } from '../state/store.js';
import { changeVaultPassphrase, createKeychainVault, createVault, unlockVault } from './vault-actions.js';
import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem } from './passphrase-rules.js';

interface FormProps {
  /** Called once the vault answered with success. */
  onDone: () => void;
  /** Buttons before the submit button (e.g. Cancel in a dialog). */
  extraActions?: ReactNode;
  autoFocus?: boolean;
}

function FailureText({ failure }: { failure: CoreFailure }) {
  const hint = failure.code ? ERROR_HINTS[failure.code] : undefined;
  return (
    <FormError testId="vault-error">
      <p>{failure.message}</p>
      {hint && <p className="muted">{hint}</p>}
    </FormError>
  );
}

/** Shared by the three forms: submit once, show the failure, never throw. */
function useSubmit(run: () => Promise<Outcome<unknown>> | null, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const pending = run();
    if (!pending) return;
    setBusy(true);
    const outcome = await pending;
    setBusy(false);
    if (outcome.ok) onDone();
    else setFailure(outcome.failure);
  };
  return { busy, failure, setFailure, onSubmit: (event: FormEvent) => void submit(event) };
}

export function UnlockVaultForm({ onDone, extraActions, autoFocus }: FormProps) {
  const [passphrase, setPassphrase] = useState('');
  const { busy, failure, onSubmit } = useSubmit(() => (passphrase === '' ? null : unlockVault(passphrase)), onDone);
  return (
    <form className="dialog-body vault-form" onSubmit={onSubmit} data-testid="vault-unlock-form">
      <TextField label="Passphrase" type="password" value={passphrase} onChange={setPassphrase} testId="vault-passphrase" autoFocus={autoFocus ?? false} autoComplete="current-password" />
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
          <button type="button" className="button button-quiet" data-testid="vault-use-keychain" disabled={busy || keychain.busy} onClick={keychain.onSubmit}>
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

export function ChangePassphraseForm({ onDone, extraActions, autoFocus }: FormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [checked, setChecked] = useState(false);
  const problem = newPassphraseProblem(next, again);
  const { busy, failure, onSubmit } = useSubmit(() => {
    setChecked(true);
    return problem || current === '' ? null : changeVaultPassphrase(current, next);
  }, onDone);
  return (
    <form className="dialog-body vault-form" onSubmit={onSubmit} data-testid="vault-change-form">
      <TextField label="Current passphrase" type="password" value={current} onChange={setCurrent} testId="vault-current" autoFocus={autoFocus ?? false} autoComplete="current-password" />
      <TextField
        label="New passphrase"
        type="password"
        value={next}
        onChange={setNext}
        testId="vault-passphrase"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters.`}
        error={checked && problem?.field === 'passphrase' ? problem.message : null}
      />
      <TextField
        label="The new passphrase again"
        type="password"
        value={again}
        onChange={setAgain}
        testId="vault-passphrase-again"
        autoComplete="new-password"
        error={checked && problem?.field === 'again' ? problem.message : null}
      />
      {failure && <FailureText failure={failure} />}
      <div className="dialog-actions">
        {extraActions}
        <button type="submit" className="button" data-testid="vault-submit" disabled={busy || current === ''}>
          {busy ? 'Changing…' : 'Change passphrase'}
        </button>
      </div>
    </form>
  );
}
