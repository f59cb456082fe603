import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  CrossdockError,
  type ConnectionStatus,
  type CrossdockEvents,
  type HostInfo,
  type WireError,
} from '../../../shared/index.js';
import { toWireError } from '../../../shared/errors.js';
import { localDockerEngine, sshDockerEngine, type DockerEngine } from '../docker/docker-engine.js';
import { DEFAULT_DOCKER_SOCKET } from '../docker/docker-transport.js';
import type { EventHub } from '../events/event-hub.js';
import type { KeyStore } from '../keys/key-store.js';
import { HostConnectionPool } from '../ssh/connection-pool.js';
import type { HostConnection, HostConnectionOptions } from '../ssh/host-connection.js';
import { readKnownHostsFile, type KnownHostEntry } from '../ssh/known-hosts.js';
import type { HostKeyTrust, SshTarget } from '../ssh/ssh-target.js';
import type { HostInventory, StoredHost } from './inventory.js';

export interface HostRuntimeOptions {
  inventory: HostInventory;
  keys: KeyStore;
  events: EventHub<CrossdockEvents>;
  connection?: HostConnectionOptions;
  /** known_hosts files consulted for hosts without a pinned key. Default: ~/.ssh/known_hosts. */
  knownHostsPaths?: string[];
}

interface LocalState {
  status: ConnectionStatus;
  error: WireError | null;
}

/**
 * The live side of the inventory: one pooled SSH connection and one Docker engine per host,
 * their statuses as `hosts.changed` events, and the translation from a stored host to what the
 * SSH layer needs (its private key is read from the vault only here).
 */
export class HostRuntime {
  readonly pool: HostConnectionPool;
  private readonly engines = new Map<string, DockerEngine>();
  private readonly localStates = new Map<string, LocalState>();
  private readonly knownHostsPaths: string[];
  private disposed = false;

  constructor(private readonly options: HostRuntimeOptions) {
    this.pool = new HostConnectionPool(options.connection ?? {});
    this.knownHostsPaths = options.knownHostsPaths ?? [join(homedir(), '.ssh', 'known_hosts')];
    this.pool.onStatus((event) => {
      const host = this.options.inventory.list().find((h) => h.id === event.hostId);
      if (host) this.options.events.emit('hosts.changed', this.describe(host));
    });
  }

  /** What the SSH layer needs to log in to `host`, with the given (or the pinned) key trust. */
  async target(host: StoredHost, trust?: HostKeyTrust): Promise<SshTarget> {
    if (host.kind !== 'ssh' || !host.address || !host.port || !host.user || !host.keyId) {
      throw new CrossdockError('FAILED_PRECONDITION', `Host "${host.name}" is not reached over SSH`, {
        host: host.name,
      });
    }
    return {
      hostId: host.id,
      address: host.address,
      port: host.port,
      username: host.user,
      privateKey: this.options.keys.privateKeySource(host.keyId),
      keyId: host.keyId,
      hostKey: trust ?? {
        pinnedFingerprint: host.hostKey?.fingerprint,
        pinnedKeyType: host.hostKey?.keyType,
        knownHosts: await this.knownHosts(),
      },
    };
  }

  async knownHosts(): Promise<KnownHostEntry[]> {
    const lists = await Promise.all(this.knownHostsPaths.map((path) => readKnownHostsFile(path).catch(() => [])));
    return lists.flat();
  }

  /** The host's one SSH connection (made on first need). */
  async connection(host: StoredHost): Promise<HostConnection> {
    const existing = this.pool.peek(host.id);
    if (existing) return existing;
    const target = await this.target(host);
    // The core may have been shut down while the key and known_hosts were read.
    if (this.disposed) throw new CrossdockError('CANCELLED', 'Crossdock is shutting down');
    return this.pool.get(target);
  }

  /** The host's Docker engine, over its pooled connection (or the local socket). */
  async engine(host: StoredHost): Promise<DockerEngine> {
    const existing = this.engines.get(host.id);
    if (existing) return existing;
    const engine =
      host.kind === 'local'
        ? localDockerEngine(host.socketPath ?? DEFAULT_DOCKER_SOCKET)
        : sshDockerEngine(await this.connection(host));
    this.engines.set(host.id, engine);
    return engine;
  }

  /** Records the outcome of talking to a local engine (SSH hosts report through their connection). */
  noteLocal(host: StoredHost, error: unknown | null): void {
    if (host.kind !== 'local') return;
    const next: LocalState = error
      ? { status: 'error', error: toWireError(error, `Docker on ${host.name}`) }
      : { status: 'connected', error: null };
    const previous = this.localStates.get(host.id);
    this.localStates.set(host.id, next);
    if (previous?.status !== next.status) this.options.events.emit('hosts.changed', this.describe(host));
  }

  describe(host: StoredHost): HostInfo {
    const connection = this.pool.peek(host.id);
    const local = this.localStates.get(host.id);
    const status: ConnectionStatus = host.kind === 'local' ? (local?.status ?? 'idle') : (connection?.status ?? 'idle');
    const error =
      host.kind === 'local'
        ? (local?.error ?? null)
        : connection?.lastError
          ? toWireError(connection.lastError, host.name)
          : null;
    return {
      id: host.id,
      name: host.name,
      kind: host.kind,
      endpoint:
        host.kind === 'local'
          ? (host.socketPath ?? DEFAULT_DOCKER_SOCKET)
          : `${host.user}@${host.address}:${host.port}`,
      address: host.address,
      port: host.port,
      user: host.user,
      keyId: host.keyId,
      hostKey: host.hostKey,
      status,
      statusError: status === 'error' || status === 'disconnected' ? error : null,
      hasCredential: host.kind === 'local' || host.keyId !== null,
      createdAt: host.createdAt,
    };
  }

  async forget(hostId: string): Promise<void> {
    this.engines.get(hostId)?.dispose();
    this.engines.delete(hostId);
    this.localStates.delete(hostId);
    await this.pool.remove(hostId);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const engine of this.engines.values()) engine.dispose();
    this.engines.clear();
    await this.pool.dispose();
  }
}
