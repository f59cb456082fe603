import { useState, type FormEvent } from 'react';
import type { HostInfo } from '../../../shared/index.js';
import { Dialog, DialogActions } from '../dialogs/dialog.js';
import { TextField } from '../forms/text-field.js';

export interface BootstrapChoice {
  distributionPackagesOnly: boolean;
  sudoPassword?: string;
}

/**
 * Confirms a bootstrap before anything changes on the server, with its one option, and asks for
 * the sudo password when the login user needs one. The password goes to the core with that one
 * call and lives only in its memory for the job; it is never stored.
 */
export function BootstrapDialog({
  host,
  needsPassword,
  onStart,
  onClose,
}: {
  host: HostInfo;
  needsPassword: boolean;
  onStart: (choice: BootstrapChoice) => void;
  onClose: () => void;
}) {
  const [password, setPassword] = useState('');
  const [distributionOnly, setDistributionOnly] = useState(false);
  const ready = !needsPassword || password !== '';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (ready)
      onStart({ distributionPackagesOnly: distributionOnly, ...(needsPassword ? { sudoPassword: password } : {}) });
  };
  return (
    <Dialog title={`Install Docker on ${host.name}`} testId="bootstrap-dialog" onClose={onClose}>
      <form className="dialog-body" onSubmit={submit}>
        <p className="muted">
          Crossdock detects the system, installs Docker (Docker&apos;s own packages where they can be reached, the
          distribution&apos;s otherwise), merges its settings into /etc/docker/daemon.json and starts the engine.
          Running it again changes nothing that is already right.
        </p>
        <label className="form-check">
          <input
            type="checkbox"
            checked={distributionOnly}
            onChange={(event) => setDistributionOnly(event.target.checked)}
            data-testid="bootstrap-distribution-only"
          />
          Distribution packages only (for servers without outside access)
        </label>
        {needsPassword && (
          <TextField
            label={`sudo password for ${host.user ?? 'the login user'}`}
            type="password"
            value={password}
            onChange={setPassword}
            testId="sudo-password"
            autoFocus
            autoComplete="off"
          />
        )}
        <DialogActions>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button"
            data-testid="bootstrap-start"
            data-autofocus={needsPassword ? undefined : true}
            disabled={!ready}
          >
            Install Docker
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
