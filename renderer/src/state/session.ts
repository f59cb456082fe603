import type { Subscription } from '../../../shared/index.js';
import { connect, type CrossdockClient } from '../api/connect.js';
import { backoffDelay } from './backoff.js';
import { describeError } from './describe-error.js';
import {
  applyHost,
  applyJob,
  applyJobList,
  applyLogLines,
  dropHost,
  pushNotice,
  setConnection,
  setHosts,
  setKeys,
  setSettings,
  setSystemInfo,
  setVault,
  useCrossdock,
} from './store.js';

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
  /** Jobs heard about by event while a `jobs.list` is in flight (see reconcileJobs). */
  seenWhileListing: Set<string>[];
}

let link: Link | null = null;
let failedAttempts = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let started = false;

/** The client of the current connection, or null while there is none. */
export function currentClient(): CrossdockClient | null {
  return link?.alive && useCrossdock.getState().connection.status === 'connected' ? link.client : null;
}

function reportLoadError(what: string, error: unknown): void {
  const description = describeError(error);
  // A closed connection is shown by the indicator; a toast for each failed load would be noise.
  if (description.code !== 'DISCONNECTED') pushNotice({ tone: 'error', title: `Could not load ${what}`, ...description });
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
  const current: Link = { client: connection.client, kind: connection.kind, alive: true, seenWhileListing: [] };
  link = current;
  let answered = false;

  // Subscribe before loading: the server handles frames in order, so every change made after
  // the list's snapshot reaches us as an event.
  const follow = (what: string, subscription: Subscription): void => {
    subscription.ready.catch((error: unknown) => reportLoadError(`live updates of ${what}`, error));
  };
  follow('jobs', current.client.subscribe('jobs.changed', (job) => {
    if (!current.alive) return;
    for (const seen of current.seenWhileListing) seen.add(job.id);
    applyJob(job);
  }));
  follow('job logs', current.client.subscribe('jobs.log', (line) => current.alive && applyLogLines(line.jobId, [line])));
  follow('hosts', current.client.subscribe('hosts.changed', (host) => current.alive && applyHost(host)));
  follow('removed hosts', current.client.subscribe('hosts.removed', ({ id }) => current.alive && dropHost(id)));

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
    loadEverything(current);
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
      reportLoadError('the system information', error);
      onAnswer();
    },
  );
}

function loadEverything(current: Link): void {
  const { api } = current.client;
  api.system.getSettings({}).then(
    (settings) => current.alive && setSettings(settings),
    (error: unknown) => reportLoadError('the settings', error),
  );
  api.hosts.list({}).then(
    (hosts) => current.alive && setHosts(hosts),
    (error: unknown) => reportLoadError('the hosts', error),
  );
  void listJobs(current);
  void loadVault(current);
}

/**
 * The vault's status, and the keys when it is open. A locked vault is not an error here: the
 * Settings view says so, and the first action that needs it asks for the passphrase.
 */
async function loadVault(current: Link): Promise<void> {
  const { api } = current.client;
  try {
    const vault = await api.vault.status({});
    if (!current.alive) return;
    setVault(vault);
    if (!vault.unlocked) return setKeys(null);
    const keys = await api.keys.list({});
    if (current.alive) setKeys(keys);
  } catch (error) {
    const { code } = describeError(error);
    // A core without the vault yet answers METHOD_NOT_FOUND; Settings shows that the vault is unavailable.
    if (code !== 'VAULT_LOCKED' && code !== 'METHOD_NOT_FOUND') reportLoadError('the vault status', error);
  }
}

async function listJobs(current: Link): Promise<void> {
  const seen = new Set<string>();
  current.seenWhileListing.push(seen);
  try {
    const jobs = await current.client.api.jobs.list({});
    if (current.alive) applyJobList(jobs, seen);
  } catch (error) {
    reportLoadError('the jobs', error);
  } finally {
    current.seenWhileListing = current.seenWhileListing.filter((set) => set !== seen);
  }
}

/** Lists the jobs again (after "Clear finished"), with the same care for events in flight. */
export async function refreshJobs(): Promise<void> {
  if (link?.alive) await listJobs(link);
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
