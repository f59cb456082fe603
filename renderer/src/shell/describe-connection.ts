import type { ConnectionState } from '../state/store.js';

export interface ConnectionText {
  /** One or two words for the header. */
  label: string;
  /** A sentence for screen readers and the tooltip; it does not tick, so it is not re-announced. */
  detail: string;
  /** Seconds until the next automatic retry, when one is scheduled. */
  retryInSeconds: number | null;
}

export function describeConnection(connection: ConnectionState, now: number): ConnectionText {
  switch (connection.status) {
    case 'connecting':
      return connection.attempt === 0
        ? { label: 'Connecting…', detail: 'Opening a connection to the Crossdock core.', retryInSeconds: null }
        : {
            label: 'Reconnecting…',
            detail: `Reconnecting to the Crossdock core (attempt ${connection.attempt + 1}).`,
            retryInSeconds: null,
          };
    case 'connected':
      return {
        label: 'Connected',
        detail:
          connection.transport === 'ipc'
            ? 'Connected to the Crossdock core of this app.'
            : 'Connected to the Crossdock core over WebSocket (web mode).',
        retryInSeconds: null,
      };
    case 'disconnected': {
      if (connection.retryAt === null)
        return { label: 'Disconnected', detail: connection.reason, retryInSeconds: null };
      const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
      return { label: 'Disconnected', detail: connection.reason, retryInSeconds: seconds };
    }
  }
}
