import { useState } from 'react';
import { TextField } from '../forms/text-field.js';
import { changeVaultPassphrase } from './vault-actions.js';
import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem } from './passphrase-rules.js';
import { FailureText, useSubmit, type FormProps } from './vault-form-parts.js';

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
      <TextField
        label="Current passphrase"
        type="password"
        value={current}
        onChange={setCurrent}
        testId="vault-current"
        autoFocus={autoFocus ?? false}
        autoComplete="current-password"
      />
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
