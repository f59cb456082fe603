import { reconnectNow } from '../state/session.js';
import { useCrossdock } from '../state/store.js';
import { describeConnection } from './describe-connection.js';
import { useNow } from './use-now.js';

/** Text and colour, never colour alone; the sentence is in the tooltip and read by screen readers. */
export function ConnectionIndicator() {
  const connection = useCrossdock((state) => state.connection);
  const now = useNow(connection.status === 'disconnected' && connection.retryAt !== null);
  const text = describeConnection(connection, now);
  return (
    <div
      className="connection"
      data-testid="connection-status"
      data-state={connection.status}
      title={text.retryInSeconds === null ? text.detail : `${text.detail} Retrying in ${text.retryInSeconds}s.`}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span role="status" className="connection-label">
        {text.label}
        <span className="visually-hidden"> — {text.detail}</span>
      </span>
      {text.retryInSeconds !== null && (
        <>
          <span className="connection-retry" aria-hidden="true">
            retry in {text.retryInSeconds}s
          </span>
          <button type="button" className="button button-small" onClick={reconnectNow}>
            Retry now
          </button>
        </>
      )}
    </div>
  );
}
