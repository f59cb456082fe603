import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { CrossdockError, type ConnectionStatus } from '../../../shared/index.js';
import { EventHub } from '../events/event-hub.js';
import { untilAborted, clientClosed } from './abortable-wait.js';
import { ReconnectSchedule } from './backoff.js';
import { ChannelRegistry } from './channel-registry.js';
import { PERMANENT_CONNECT_CODES, toConnectError } from './connect-errors.js';
import type { HostKeySource, PresentedHostKey } from './host-key-policy.js';
import { openSshClient, type SshClientOptions } from './open-client.js';
import {
  channelOpenError,
  execCollect,
  execStream,
  openExecChannel,
  openShellChannel,
  type ChannelSource,
  type ExecOptions,
  type ExecResult,
  type RemoteProcess,
} from './remote-exec.js';
import { describeEndpoint, type HostKeyTrust, type SshTarget } from './ssh-target.js';

/** Tuning of a host connection; every field has a default. */
export interface HostConnectionOptions {
  /** Connect timeout (ssh2 `readyTimeout`): TCP, key exchange and login. Default 15 s. */
  connectTimeoutMs?: number;
  /** SSH keepalive interval. Default 15 s; 0 disables. */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives before the connection is dropped. Default 3. */
  keepaliveCountMax?: number;
  /** Reconnect after a drop or a transient failure, with doubling delays. Default on. */
  reconnect?: { enabled?: boolean; initialDelayMs?: number; maxDelayMs?: number };
  debug?: (line: string) => void;
}

/** The host key the current connection accepted; `source: 'first-use'` asks the caller to pin it. */
export interface AcceptedHostKey extends PresentedHostKey {
  source: HostKeySource;
}

/** A change of a host connection's status. */
export interface HostStatusEvent {
  hostId: string;
  /** `user@address:port` */
  endpoint: string;
  status: ConnectionStatus;
  /** Why the connection failed or dropped (status `error`, sometimes `disconnected`). */
  error?: CrossdockError;
  /** With status `connected`. */
  hostKey?: AcceptedHostKey;
  /** When a reconnect attempt is scheduled. */
  retryInMs?: number;
}

type HostConnectionEvents = { status: HostStatusEvent };

/**
 * The one SSH connection of one host, shared by every Docker call and command for it. Connects
 * on `activate()` (or on first use), reports its status as events, reconnects with capped
 * back-off after a drop, and counts its open channels so leaks are visible.
 */
export class HostConnection {
  readonly hostId: string;
  private target: SshTarget;
  private readonly options: SshClientOptions;
  private readonly retries: ReconnectSchedule;
  private readonly events = new EventHub<HostConnectionEvents>();
  private readonly channels = new ChannelRegistry();
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  /** Aborts the login in flight, so dispose does not leave one running until its timeout. */
  private connectAbort: AbortController | null = null;
  private disposed = false;
  private currentStatus: ConnectionStatus = 'idle';
  private currentError: CrossdockError | null = null;
  private acceptedKey: AcceptedHostKey | null = null;

  constructor(target: SshTarget, options: HostConnectionOptions = {}) {
    this.hostId = target.hostId;
    this.target = target;
    this.options = {
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      debug: options.debug,
    };
    this.retries = new ReconnectSchedule({
      enabled: options.reconnect?.enabled ?? true,
      initialMs: options.reconnect?.initialDelayMs ?? 1_000,
      maxMs: options.reconnect?.maxDelayMs ?? 30_000,
    });
  }

  /** `user@address:port` */
  get endpoint(): string {
    return describeEndpoint(this.target);
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Why the last attempt failed or the connection dropped; null once connected. */
  get lastError(): CrossdockError | null {
    return this.currentError;
  }

  /** The host key of the current (or last) connection. */
  get hostKey(): AcceptedHostKey | null {
    return this.acceptedKey;
  }

  /** Channels open right now (exec sessions, Docker socket streams). */
  get openChannels(): number {
    return this.channels.size;
  }

  onStatus(listener: (event: HostStatusEvent) => void): () => void {
    return this.events.on('status', listener);
  }

  /** Connects unless connected; concurrent callers share one attempt. `signal` only stops waiting. */
  async activate(signal?: AbortSignal): Promise<void> {
    await this.ensureClient(signal);
  }

  /** Drops the current connection (if any) and connects again now, with a fresh back-off. */
  async reconnect(signal?: AbortSignal): Promise<void> {
    this.retries.reset();
    this.detachClient();
    await this.ensureClient(signal);
  }

  /**
   * Trust settings for the next login (the current connection stays: pinning the key that a
   * first-use login accepted must not drop it). Address, user or key changes need a new
   * connection; {@link HostConnectionPool.get} makes one.
   */
  updateTrust(hostKey: HostKeyTrust): void {
    this.target = { ...this.target, hostKey };
  }

  /** Runs a command and collects its output. */
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    return execCollect(await this.channelSource(options.signal), command, options);
  }

  /** Runs a command and streams it. Read (or resume) both outputs, or its channel never closes. */
  async execStream(command: string, options: ExecOptions = {}): Promise<RemoteProcess> {
    return execStream(await this.channelSource(options.signal), command, options);
  }

  /**
   * Opens a session channel for a person at a terminal: a login shell when `command` is null,
   * else `command` run by the login shell; with a pseudo-terminal when `pty` is given. The caller
   * owns the channel (input, resize, close).
   */
  async openSession(
    command: string | null,
    pty: PseudoTtyOptions | false,
    signal?: AbortSignal,
  ): Promise<ClientChannel> {
    const source = await this.channelSource(signal);
    if (command === null) return openShellChannel(source, pty, signal);
    return openExecChannel(source, command, { signal, ...(pty ? { pty } : {}) });
  }

  /** Opens a stream to a UNIX socket on the host (OpenSSH `direct-streamlocal`), counted. */
  async openStreamLocal(socketPath: string, signal?: AbortSignal): Promise<ClientChannel> {
    const { client, registry, host } = await this.channelSource(signal);
    return new Promise((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(socketPath, (error, channel) => {
        if (error) return reject(channelOpenError(error, host, `a stream to ${socketPath}`));
        registry.add(channel);
        resolve(channel);
      });
    });
  }

  /** Closes the connection for good; further calls fail. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.retries.cancel();
    this.connectAbort?.abort();
    const client = this.client;
    this.detachClient();
    if (client) await clientClosed(client);
    this.setStatus({ status: 'disconnected' });
  }

  private async channelSource(signal: AbortSignal | undefined): Promise<ChannelSource> {
    const client = await this.ensureClient(signal);
    return { client, registry: this.channels, host: this.endpoint };
  }

  private ensureClient(signal: AbortSignal | undefined): Promise<Client> {
    if (this.disposed) {
      return Promise.reject(
        new CrossdockError('FAILED_PRECONDITION', `The connection to ${this.endpoint} was closed.`, {
          host: this.endpoint,
        }),
      );
    }
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect();
    return untilAborted(this.connecting, signal, this.endpoint);
  }

  private async connect(): Promise<Client> {
    this.retries.cancel();
    this.setStatus({ status: 'connecting' });
    const abort = (this.connectAbort = new AbortController());
    try {
      const opened = await openSshClient(this.target, { ...this.options, signal: abort.signal });
      if (this.disposed) {
        opened.client.end();
        throw new CrossdockError('FAILED_PRECONDITION', `The connection to ${this.endpoint} was closed.`, {
          host: this.endpoint,
        });
      }
      const client = opened.client;
      let dropError: CrossdockError | undefined;
      client.on('error', (error) => (dropError = toConnectError(error, this.endpoint, this.options.connectTimeoutMs)));
      client.once('close', () => this.onDropped(client, dropError));
      this.client = client;
      this.retries.reset();
      this.acceptedKey = { ...opened.hostKey, source: opened.hostKeySource };
      this.currentError = null;
      this.setStatus({ status: 'connected', hostKey: this.acceptedKey });
      return client;
    } catch (error) {
      const failure = toConnectError(error, this.endpoint, this.options.connectTimeoutMs);
      if (!this.disposed) {
        this.currentError = failure;
        this.setStatus({ status: 'error', error: failure, ...this.scheduleRetry(failure) });
      }
      throw failure;
    } finally {
      this.connecting = null;
      this.connectAbort = null;
    }
  }

  private onDropped(client: Client, error: CrossdockError | undefined): void {
    if (this.client !== client) return;
    this.detachClient();
    if (this.disposed) return;
    this.currentError = error ?? null;
    this.setStatus({ status: 'disconnected', ...(error ? { error } : {}), ...this.scheduleRetry(error) });
  }

  /** Forgets the current client (its channels die with it) and ends it quietly. */
  private detachClient(): void {
    const client = this.client;
    this.client = null;
    this.channels.clear();
    client?.end();
  }

  private scheduleRetry(error: CrossdockError | undefined): { retryInMs?: number } {
    // A key or host key problem needs the user; retrying on a timer would only repeat it.
    if (this.disposed || (error && PERMANENT_CONNECT_CODES.has(error.code))) return {};
    const delay = this.retries.schedule(() => {
      this.connecting ??= this.connect();
      // A failed background attempt is reported as a status event (and schedules the next one).
      this.connecting.catch(() => undefined);
    });
    return delay === undefined ? {} : { retryInMs: delay };
  }

  private setStatus(event: Omit<HostStatusEvent, 'hostId' | 'endpoint'>): void {
    this.currentStatus = event.status;
    this.events.emit('status', { hostId: this.hostId, endpoint: this.endpoint, ...event });
  }
}
