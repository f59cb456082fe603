import { join } from 'node:path';
import type { Settings } from '../../../shared/index.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { KeyMeta } from '../keys/index.js';
import type { StoredProvider } from '../machines/cloud-providers.js';
import type { StoredRegistryLogin } from '../registries/registry-logins.js';
import { withFileLock } from './file-lock.js';

/** Everything Crossdock keeps in its settings file (secrets never: those live in the vault). */
export interface StoreSchema {
  settings: Settings;
  hosts: StoredHost[];
  /** Public facts of SSH keys; their private halves are in the vault. */
  sshKeys: KeyMeta[];
  /** Cloud accounts; their credentials are in the vault. */
  providers: StoredProvider[];
  /** Registry logins (registry, username, date); their passwords and tokens are in the vault. */
  registries: StoredRegistryLogin[];
}

export const STORE_DEFAULTS: StoreSchema = {
  settings: { theme: 'system' },
  hosts: [],
  sshKeys: [],
  providers: [],
  registries: [],
};

/** The file name (without `.json`) shared by both implementations, so they read each other's file. */
export const STORE_FILE_NAME = 'crossdock';

/**
 * The settings file as a library reads and writes it: `conf` under plain Node, `electron-store`
 * inside Electron; both write the same JSON file in the data directory, reading it afresh on
 * every `get`.
 */
export interface StoreFile {
  get<K extends keyof StoreSchema>(key: K): StoreSchema[K];
  set<K extends keyof StoreSchema>(key: K, value: StoreSchema[K]): void;
  /** The JSON file's path. */
  readonly path: string;
}

/**
 * Settings and inventory, as the core uses them ({@link lockedStore} makes one from a
 * {@link StoreFile}). The window, the web mode and the CLI may write the file at the same time:
 * a change that depends on what is there (add to a list, remove from it) goes through `update`,
 * which reads and writes under a lock across processes, so neither loses the other's change.
 */
export interface Store extends StoreFile {
  /** Replaces `key` with `change(current)`, reading the current value under the lock; returns it. */
  update<K extends keyof StoreSchema>(key: K, change: (current: StoreSchema[K]) => StoreSchema[K]): StoreSchema[K];
}

/**
 * Opens the settings file in `dataDir` with `open` (conf or electron-store) and adds the lock.
 * Opening is locked too: the library writes its defaults into the file when keys are missing.
 */
export function openLockedStore(dataDir: string, open: (dataDir: string) => StoreFile): Store {
  return lockedStore(withFileLock(join(dataDir, `${STORE_FILE_NAME}.json`), () => open(dataDir)));
}

/** Adds the lock across processes to a store file: every write, and every read-modify-write. */
export function lockedStore(file: StoreFile): Store {
  return {
    get: (key) => file.get(key),
    // Even a plain set rewrites the whole file: under the lock, so it keeps another process's
    // concurrent change to another key.
    set: (key, value) => withFileLock(file.path, () => file.set(key, value)),
    update: (key, change) =>
      withFileLock(file.path, () => {
        const next = change(file.get(key));
        file.set(key, next);
        return next;
      }),
    get path() {
      return file.path;
    },
  };
}
