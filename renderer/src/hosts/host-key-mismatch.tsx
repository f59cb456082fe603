export interface HostKeyChange {
  host: string | null;
  expected: string[];
  presented: string | null;
  keyType: string | null;
}

/**
 * A changed host key, shown so it cannot be missed. Accepting it takes a separate, deliberate
 * step (RepinHostKey: paste the fingerprint the server's owner confirmed).
 */
export function HostKeyMismatch({ change }: { change: HostKeyChange }) {
  return (
    <div className="hostkey-mismatch" role="alert" data-testid="hostkey-mismatch">
      <p className="hostkey-mismatch-title">
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.75 15 14H1zM8 6v4M8 12h.01" />
        </svg>
        The host key of {change.host ?? 'this server'} has changed
      </p>
      <p>Someone may be intercepting the connection, or the server was reinstalled. Crossdock refuses to connect.</p>
      <dl className="hostkey-mismatch-keys">
        <dt>Expected</dt>
        <dd className="mono" data-testid="hostkey-expected">
          {change.expected.length > 0 ? change.expected.join(', ') : 'the key pinned earlier'}
        </dd>
        <dt>Presented</dt>
        <dd className="mono" data-testid="hostkey-presented">
          {change.keyType ? `${change.keyType} ` : ''}
          {change.presented ?? 'unknown'}
        </dd>
      </dl>
      <p className="muted">
        Ask whoever runs the server whether its key changed. If it did, paste the fingerprint they confirm below to
        trust the new key.
      </p>
    </div>
  );
}
