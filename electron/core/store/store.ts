import type { Settings } from '../../../shared/index.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { KeyMeta } from '../keys/index.js';
import type { StoredProvider } from '../machines/cloud-providers.js';

/** Everything Crossdock keeps in its settings file (secrets never: those live in the vault). */
export interface StoreSchema {
  settings: Settings;
  hosts: StoredHost[];
  /** Public facts of SSH keys; their private halves are in the vault. */
  sshKeys: KeyMeta[];
  /** Cloud accounts; their credentials are in the vault. */
  providers: StoredProvider[];
}

export const STORE_DEFAULTS: StoreSchema = {
  settings: { theme: 'system' },
  hosts: [],
  sshKeys: [],
  providers: [],
};

/** The file name (without `.json`) shared by both implementations, so they read each other's file. */
export const STORE_FILE_NAME = 'crossdock';

/**
 * Settings and inventory. `conf` implements it under plain Node and `electron-store` inside
 * Electron; both write the same JSON file in the data directory.
 */
export interface Store {
  get<K extends keyof StoreSchema>(key: K): StoreSchema[K];
  set<K extends keyof StoreSchema>(key: K, value: StoreSchema[K]): void;
  /** The JSON file's path. */
  readonly path: string;
}
