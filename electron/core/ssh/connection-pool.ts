import { EventHub } from '../events/event-hub.js';
import { HostConnection, type HostConnectionOptions, type HostStatusEvent } from './host-connection.js';
import { sameLogin, type SshTarget } from './ssh-target.js';

type PoolEvents = { status: HostStatusEvent };

/**
 * One {@link HostConnection} per host id, created on first use and kept until the host is
 * removed: every Docker call and command for a host goes through the same SSH login.
 */
export class HostConnectionPool {
  private readonly connections = new Map<
    string,
    { connection: HostConnection; target: SshTarget; unsubscribe: () => void }
  >();
  private readonly events = new EventHub<PoolEvents>();

  constructor(private readonly options: HostConnectionOptions = {}) {}

  /**
   * The connection of `target.hostId`, made if missing; it connects when first used. An existing
   * one is kept when it logs in the same way (new trust settings apply from its next login);
   * otherwise it is closed and replaced.
   */
  get(target: SshTarget): HostConnection {
    const existing = this.connections.get(target.hostId);
    if (existing && sameLogin(existing.target, target)) {
      existing.connection.updateTrust(target.hostKey);
      existing.target = target;
      return existing.connection;
    }
    if (existing) {
      // Silently: the replacement reports this host's status from now on.
      existing.unsubscribe();
      void existing.connection.dispose();
    }
    const connection = new HostConnection(target, this.options);
    const unsubscribe = connection.onStatus((event) => this.events.emit('status', event));
    this.connections.set(target.hostId, { connection, target, unsubscribe });
    return connection;
  }

  /** The connection of a host if there is one, without making it. */
  peek(hostId: string): HostConnection | undefined {
    return this.connections.get(hostId)?.connection;
  }

  get size(): number {
    return this.connections.size;
  }

  /** Status changes of every host's connection. */
  onStatus(listener: (event: HostStatusEvent) => void): () => void {
    return this.events.on('status', listener);
  }

  /** Closes and forgets a host's connection (the host was removed or its settings replaced). */
  async remove(hostId: string): Promise<void> {
    const entry = this.connections.get(hostId);
    if (!entry) return;
    this.connections.delete(hostId);
    await entry.connection.dispose();
    entry.unsubscribe();
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((hostId) => this.remove(hostId)));
  }
}
