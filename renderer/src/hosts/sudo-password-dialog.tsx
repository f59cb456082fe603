import { useState, type FormEvent } from 'react';
import type { HostInfo } from '../../../shared/index.js';
import { Dialog, DialogActions } from '../dialogs/dialog.js';
import { TextField } from '../forms/text-field.js';

/**
 * Asks once for a host's sudo password before bootstrapping. The password goes to the core with
 * that one call and lives only in its memory for the job; it is never stored.
 */
export function SudoPasswordDialog({ host, onSubmit, onClose }: { host: HostInfo; onSubmit: (password: string) => void; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (password !== '') onSubmit(password);
  };
  return (
    <Dialog title={`sudo password for ${host.user ?? 'the user'} on ${host.name}`} testId="sudo-password-dialog" onClose={onClose}>
      <form className="dialog-body" onSubmit={submit}>
        <p className="muted">Installing Docker needs root. {host.user} can use sudo with a password; Crossdock keeps it only for this job.</p>
        <TextField label="sudo password" type="password" value={password} onChange={setPassword} testId="sudo-password" autoFocus autoComplete="off" />
        <DialogActions>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" data-testid="sudo-password-submit" disabled={password === ''}>
            Bootstrap
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
