import { randomUUID } from 'node:crypto';
import { CrossdockError, type HostKind, type PinnedHostKey } from '../../../shared/index.js';
import type { Store } from '../store/store.js';

/** A host as saved in the store (no secrets: the SSH key is referenced by id, kept in the vault). */
export interface StoredHost {
  id: string;
  name: string;
  kind: HostKind;
  address: string | null;
  port: number | null;
  user: string | null;
  keyId: string | null;
  hostKey: PinnedHostKey | null;
  /** The Docker socket for `local` hosts. */
  socketPath: string | null;
  createdAt: string;
}

/** The host inventory on top of the store, addressed by id or by name. */
export class HostInventory {
  constructor(private readonly store: Store) {}

  list(): StoredHost[] {
    return this.store.get('hosts');
  }

  /** Finds a host by id or name; NOT_FOUND names what was asked for. */
  find(ref: string): StoredHost {
    const host = this.list().find((h) => h.id === ref || h.name === ref);
    if (!host)
      throw new CrossdockError('NOT_FOUND', `There is no host named "${ref}"; "crossdock host ls" lists them`, {
        host: ref,
      });
    return host;
  }

  add(host: Omit<StoredHost, 'id' | 'createdAt'>): StoredHost {
    const stored: StoredHost = { ...host, id: randomUUID(), createdAt: new Date().toISOString() };
    this.store.update('hosts', (hosts) => {
      // Checked under the store's lock: another process may have added the same name just now.
      if (hosts.some((h) => h.name === host.name)) {
        throw new CrossdockError(
          'ALREADY_EXISTS',
          `A host named "${host.name}" already exists; pick another name or remove it first`,
          { host: host.name },
        );
      }
      return [...hosts, stored];
    });
    return stored;
  }

  /** Changes a host's saved fields (not its id, name or creation time). */
  update(id: string, changes: Partial<Omit<StoredHost, 'id' | 'name' | 'createdAt'>>): StoredHost {
    let updated: StoredHost | undefined;
    this.store.update('hosts', (hosts) => hosts.map((h) => (h.id === id ? (updated = { ...h, ...changes }) : h)));
    if (!updated) throw new CrossdockError('NOT_FOUND', `There is no host with id ${id}`, { host: id });
    return updated;
  }

  remove(id: string): void {
    this.store.update('hosts', (hosts) => hosts.filter((h) => h.id !== id));
  }
}
