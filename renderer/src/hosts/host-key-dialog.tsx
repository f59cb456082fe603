import { useState } from 'react';
import { Dialog, DialogActions } from '../dialogs/dialog.js';

export interface HostKeyQuestion {
  /** `user@address:port`, or the name the user typed. */
  host: string;
  fingerprint: string;
  keyType: string | null;
  /** Fingerprints known_hosts has for this host under other key types. */
  knownFingerprints: string[];
  /** Hosts in Crossdock that already pinned exactly this key (the same server under another name). */
  pinnedFor: string[];
}

interface HostKeyDialogProps {
  question: HostKeyQuestion;
  onTrust: () => Promise<void>;
  onCancel: () => void;
}

/**
 * First contact with a server: show the key's fingerprint and let the user compare it with what
 * the server's owner sees (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`). Cancel has focus:
 * trusting must be a decision, not a reflex on Enter.
 */
export function HostKeyDialog({ question, onTrust, onCancel }: HostKeyDialogProps) {
  const [busy, setBusy] = useState(false);
  const trust = async (): Promise<void> => {
    setBusy(true);
    try {
      await onTrust();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Trust this host key?"
      testId="hostkey-dialog"
      role="alertdialog"
      onClose={onCancel}
      description={
        question.pinnedFor.length > 0
          ? `${question.host} presents the key Crossdock already pinned for ${question.pinnedFor.map((name) => `“${name}”`).join(', ')}.`
          : `Crossdock has not seen ${question.host} before.`
      }
    >
      <div className="dialog-body">
        <p>
          The host presents {question.keyType ? <span className="mono">{question.keyType}</span> : 'a'} key{' '}
          <strong className="fingerprint" data-testid="hostkey-fingerprint">
            {question.fingerprint}
          </strong>{' '}
          — trust it?
        </p>
        <p className="muted">
          Compare it with the fingerprint the server shows for its own key, for example with{' '}
          <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code> on the server or in your cloud console. Once
          trusted, Crossdock pins it and refuses to connect if it ever changes.
        </p>
        {question.pinnedFor.length > 0 && (
          <p className="hostkey-note" role="note" data-testid="hostkey-pinned-for">
            It is the same server as {question.pinnedFor.join(', ')}, reached under another name or address — unless
            that server&apos;s key was copied to this one.
          </p>
        )}
        {question.knownFingerprints.length > 0 && (
          <p className="hostkey-note" role="note">
            Your known_hosts lists this server with another key type ({question.knownFingerprints.join(', ')}). That can
            be normal after a server upgrade; if you did not expect it, do not trust this key.
          </p>
        )}
        <DialogActions>
          <button
            type="button"
            className="button button-quiet"
            data-testid="hostkey-cancel"
            data-autofocus
            onClick={onCancel}
          >
            Cancel
          </button>
          <button
            type="button"
            className="button"
            data-testid="hostkey-trust"
            disabled={busy}
            onClick={() => void trust()}
          >
            {busy ? 'Connecting…' : 'Trust and connect'}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
