import { useState, type FormEvent } from 'react';
import { normalizeRegistry } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { TextField } from '../forms/text-field.js';
import type { CoreFailure } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import { saveLogin } from './registry-actions.js';

const HINTS: Partial<Record<NonNullable<CoreFailure['code']>, string>> = {
  REGISTRY_AUTH_FAILED:
    'Nothing was saved. Check the username and the password or access token (many registries want a token, not your account password).',
  REGISTRY_UNREACHABLE:
    'Nothing was saved. Check the registry’s name and port from this computer; a registry with a certificate from your own CA needs that CA trusted here.',
};

interface Problems {
  registry?: string;
  username?: string;
  password?: string;
}

function problemsOf(registry: string, username: string, password: string): Problems {
  const problems: Problems = {};
  if (normalizeRegistry(registry) === null)
    problems.registry =
      'Give the registry’s host, with a port if it has one: ghcr.io, registry.example.com:5000, docker.io.';
  if (username.trim() === '') problems.username = 'Give the username.';
  if (password === '') problems.password = 'Give the password or access token.';
  return problems;
}

/**
 * Adds (or replaces) a registry login. The core checks it against the registry before saving; a
 * refusal shows here with the dialog still open and nothing saved. The password lives in this
 * component's state only, gone when the dialog closes.
 */
export function AddRegistryDialog({
  onClose,
  initialRegistry = '',
}: {
  onClose: () => void;
  initialRegistry?: string;
}) {
  const [registry, setRegistry] = useState(initialRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const problems = checked ? problemsOf(registry, username, password) : {};

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problemsOf(registry, username, password)).length > 0) return setFailure(null);
    setBusy(true);
    const outcome = await saveLogin({ registry: registry.trim(), username: username.trim(), password });
    setBusy(false);
    if (outcome.ok) {
      pushNotice({
        tone: 'info',
        title: `Logged in to ${outcome.value.registry}`,
        message: `The login of ${outcome.value.username} was checked and is kept in the vault. Pulls send it; hosts never store it.`,
        code: null,
      });
      return onClose();
    }
    setFailure(outcome.failure.silent ? null : outcome.failure);
  };

  const hint = failure?.code ? HINTS[failure.code] : undefined;
  return (
    <Dialog title="Add a registry login" testId="add-registry-dialog" onClose={onClose} size="medium">
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Registry"
          mono
          value={registry}
          onChange={setRegistry}
          testId="add-registry-name"
          autoFocus
          error={problems.registry}
          placeholder="ghcr.io"
          hint="Its host, with a port if it has one. Docker Hub is docker.io."
        />
        <TextField
          label="Username"
          value={username}
          onChange={setUsername}
          testId="add-registry-username"
          autoComplete="username"
          error={problems.username}
        />
        <TextField
          label="Password or access token"
          type="password"
          value={password}
          onChange={setPassword}
          testId="add-registry-password"
          autoComplete="current-password"
          error={problems.password}
        />
        {failure && (
          <FailureAlert failure={failure} testId="add-registry-error">
            {hint && <p className="muted">{hint}</p>}
          </FailureAlert>
        )}
        <FormActions
          onCancel={onClose}
          label="Check and save"
          testId="add-registry-submit"
          busy={busy}
          busyLabel="Checking the login…"
        />
      </form>
    </Dialog>
  );
}
