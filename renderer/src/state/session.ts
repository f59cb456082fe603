import { connect, type CrossdockClient } from '../api/connect.js';
import { backoffDelay } from './backoff.js';
import { describeError } from './describe-error.js';
import { followSessionEvents } from './session-events.js';
import { loadEverything, reportLoadFailure } from './session-loads.js';
import { setConnection, setSystemInfo, useCrossdock } from './store.js';
import { toFailure } from './core-call.js';

export { refreshJobs } from './session-loads.js';

/**
 * The one live connection to the core. It feeds the store from the typed client only: initial
 * loads, then events. When a WebSocket closes (the core restarted, the laptop slept) it retries
 * with back-off, and each attempt builds a new client and subscribes again, because a client
 * is dead once its transport has closed.
 */

/** One attempt's connection: its client, and whether it is still the one the store follows. */
interface Link {
  client: CrossdockClient;
  kind: 'ipc' | 'websocket';
  alive: boolean;
}

let link: Link | null = null;
let failedAttempts = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let started = false;

/** The client of the current connection, or null while there is none. */
export function currentClient(): CrossdockClient | null {
  return link?.alive && useCrossdock.getState().connection.status === 'connected' ? link.client : null;
}

function open(): void {
  retryTimer = null;
  setConnection({ status: 'connecting', attempt: failedAttempts });
  let connection: ReturnType<typeof connect>;
  try {
    connection = connect();
  } catch (error) {
    // e.g. a malformed page URL: the WebSocket constructor throws synchronously.
    lost(`Could not open a connection to the Crossdock core: ${describeError(error).message}`, 'websocket');
    return;
  }
  const current: Link = { client: connection.client, kind: connection.kind, alive: true };
  link = current;
  let answered = false;

  followSessionEvents(current.client, () => current.alive);

  const removeClose = connection.transport.onClose(() => {
    if (!current.alive) return;
    current.alive = false;
    removeClose();
    current.client.close();
    lost(
      answered
        ? 'The connection to the Crossdock core was lost.'
        : // The browser does not say why a WebSocket was refused; a stale token is the usual cause.
          'Could not reach the Crossdock core. If crossdock serve was restarted, open the new address it printed.',
      current.kind,
    );
  });

  // The first answer proves the connection works; only then does the indicator say connected.
  const onAnswer = (): void => {
    answered = true;
    failedAttempts = 0;
    setConnection({ status: 'connected', transport: current.kind });
    loadEverything();
  };
  current.client.api.system.info({}).then(
    (info) => {
      if (!current.alive) return;
      setSystemInfo(info);
      onAnswer();
    },
    (error: unknown) => {
      if (!current.alive || describeError(error).code === 'DISCONNECTED') return; // onClose takes over
      // The core answered, just not with the info: the connection itself is fine.
      reportLoadFailure('the system information', toFailure(error));
      onAnswer();
    },
  );
}

function lost(reason: string, kind: 'ipc' | 'websocket'): void {
  if (kind === 'ipc') {
    // The Electron bridge lives as long as the window; there is nothing to reconnect to.
    setConnection({ status: 'disconnected', reason, retryAt: null });
    return;
  }
  const delay = backoffDelay(failedAttempts);
  failedAttempts += 1;
  setConnection({ status: 'disconnected', reason, retryAt: Date.now() + delay });
  retryTimer = setTimeout(open, delay);
}

/** Skips the back-off wait (the "Retry now" button, the browser coming back online). */
export function reconnectNow(): void {
  if (retryTimer === null) return;
  clearTimeout(retryTimer);
  open();
}

/** Starts the session once per page; React's development double-mount must not open two. */
export function startSession(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', reconnectNow);
  open();
}
