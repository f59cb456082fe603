import { counted, type HostFailure } from '../../../shared/index.js';
import { reconnectHost } from '../hosts/host-actions.js';
import { noticeFailure } from '../state/core-call.js';
import { ERROR_HINTS } from '../state/error-intent.js';
import { useCrossdock } from '../state/store.js';
import { requestVaultAccess } from '../vault/vault-prompt-store.js';
import { refetchHost } from './docker-sync.js';

function FailureLine({ failure }: { failure: HostFailure }) {
  const host = useCrossdock((state) => state.hosts.find((h) => h.id === failure.hostId));
  const hint = ERROR_HINTS[failure.error.code];
  const retry = async (): Promise<void> => {
    if (failure.error.code === 'VAULT_LOCKED') {
      if (await requestVaultAccess(null)) refetchHost(failure.hostId);
      return;
    }
    if (!host) return refetchHost(failure.hostId);
    const outcome = await reconnectHost(host);
    if (outcome.ok) refetchHost(failure.hostId);
    else noticeFailure(`Could not connect to ${host.name}`, outcome.failure);
  };
  return (
    <li className="failure-line" data-testid="host-failure" data-host-id={failure.hostId}>
      <div className="failure-text">
        <strong>{failure.hostName}</strong>: {failure.error.message}{' '}
        <code className="notice-code">{failure.error.code}</code>
        {hint && <span className="failure-hint">{hint}</span>}
      </div>
      <button type="button" className="button button-small button-quiet" onClick={() => void retry()}>
        {failure.error.code === 'VAULT_LOCKED' ? 'Unlock vault' : 'Reconnect'}
      </button>
    </li>
  );
}

/** Up to this many failing hosts are listed in full; more fold into a one-line summary. */
const SHOWN_OPEN = 2;

/**
 * Hosts that could not answer; the list still shows what the other hosts said. Many failures
 * (or little room, with the details pane open) fold into one line that names the hosts and
 * opens to the full messages.
 */
export function FailureBanner({
  failures,
  error,
  compact = false,
}: {
  failures: readonly HostFailure[];
  error: string | null;
  compact?: boolean;
}) {
  if (failures.length === 0 && !error) return null;
  const list = (
    <ul className="failure-list" aria-label="Hosts that did not answer">
      {failures.map((failure) => (
        <FailureLine key={failure.hostId} failure={failure} />
      ))}
    </ul>
  );
  const folded = compact || failures.length > SHOWN_OPEN;
  const names = failures.map((failure) => failure.hostName).join(', ');
  return (
    <div className="failure-banner" role="alert" data-testid="failure-banner">
      {error && <p className="failure-line">{error}</p>}
      {failures.length > 0 &&
        (folded ? (
          <details className="failure-details">
            <summary>
              <strong>{counted(failures.length, 'host')} did not answer:</strong> {names}
            </summary>
            {list}
          </details>
        ) : (
          list
        ))}
    </div>
  );
}
