import { CrossdockError, type WorkloadSecretInfo } from '../../../shared/index.js';
import type { Logger } from '../log/logger.js';
import type { Vault } from '../vault/index.js';

const PREFIX = 'workload-secret:';

/**
 * Values for compose files' `secrets:`, kept in the vault beside SSH keys and cloud credentials
 * (encrypted at rest, never returned by the API). A compose secret `db_password` with
 * `external: true` reads the entry named `db_password` (or its `name:`).
 */
export class WorkloadSecrets {
  constructor(
    private readonly vault: Vault,
    private readonly logger?: Logger,
  ) {}

  set(name: string, value: string): WorkloadSecretInfo {
    this.vault.put(PREFIX + name, value, { kind: 'workload-secret' });
    this.logger?.addSecret(value);
    return this.list().find((s) => s.name === name) ?? { name, updatedAt: new Date().toISOString() };
  }

  /** Works while the vault is locked (names are not secret). */
  has(name: string): boolean {
    return this.vault.has(PREFIX + name);
  }

  list(): WorkloadSecretInfo[] {
    return this.vault
      .list()
      .filter((entry) => entry.id.startsWith(PREFIX))
      .map((entry) => ({ name: entry.id.slice(PREFIX.length), updatedAt: entry.updatedAt }));
  }

  remove(name: string): boolean {
    return this.vault.delete(PREFIX + name);
  }

  /** The value, for putting into a container; NOT_FOUND says how to store it. */
  read(name: string): Buffer {
    if (!this.has(name)) {
      throw new CrossdockError(
        'NOT_FOUND',
        `The vault has no secret "${name}": store it with "crossdock secret set ${name}" (or in the app's Workloads view) and deploy again`,
        { secret: name },
      );
    }
    const value = this.vault.get(PREFIX + name);
    // A value read for a container must not show up in the log if something prints it by mistake.
    this.logger?.addSecret(value.toString('utf8'));
    return value;
  }
}
