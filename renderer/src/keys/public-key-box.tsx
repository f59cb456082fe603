import { useId } from 'react';
import { authorizeCommand } from './key-name.js';
import { CopyButton } from './copy-button.js';

/** A public key to hand to a server: the line itself, and the command that installs it. */
export function PublicKeyBox({ publicKey, name }: { publicKey: string; name: string }) {
  const id = useId();
  const command = authorizeCommand(publicKey);
  return (
    <div className="public-key" data-testid="public-key">
      <label htmlFor={`${id}-key`} className="form-label">
        Public key of {name}
      </label>
      <textarea
        id={`${id}-key`}
        className="input mono"
        readOnly
        rows={3}
        value={publicKey}
        data-testid="public-key-text"
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="button-row">
        <CopyButton
          text={publicKey}
          label="Copy public key"
          testId="public-key-copy"
          what={`the public key of ${name}`}
        />
        <CopyButton
          text={command}
          label="Copy install command"
          testId="public-key-copy-command"
          quiet
          what="the command that installs it"
        />
      </div>
      <p className="form-hint">
        Add the line to <code>~/.ssh/authorized_keys</code> of the user Crossdock logs in as, on every server that
        should accept this key — for example by running the install command there:
      </p>
      <pre className="command-line mono">{command}</pre>
    </div>
  );
}
