import { randomUUID } from 'node:crypto';
import { CrossdockError } from '../../../shared/errors.js';
import type { DeferredPrivateKey } from '../ssh/ssh-target.js';
import type { Vault } from '../vault/vault.js';
import { generateEd25519Key } from './generate-key.js';
import { readKeyFile } from './key-file.js';
import { openSshPublicBlob, type SshKeyType } from './openssh-private-key.js';
import { readPrivateKey } from './private-key.js';
import { sshFingerprint } from './public-key.js';

/** A stored SSH key as everything but the SSH layer sees it: no private material, ever. */
export interface KeyMeta {
  id: string;
  /** The user's label, unique (ignoring case). */
  name: string;
  type: SshKeyType;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The `authorized_keys` line. */
  publicKey: string;
  /** ISO 8601. */
  createdAt: string;
}

/** Where the key list lives: the app's settings store in production, memory in tests. */
export interface KeyMetadataStore {
  load(): KeyMeta[];
  /** Replaces the list with `change(current)`; the settings store does it under its lock. */
  update(change: (list: KeyMeta[]) => KeyMeta[]): void;
}

/** {@link KeyStore.importKey}'s argument: the key as text, or a path the core reads. */
export interface ImportKeyArgs {
  name: string;
  privateKey?: string | Buffer | undefined;
  path?: string | undefined;
  passphrase?: string | undefined;
}

/** What a {@link KeyStore} stands on: the vault for private halves, a list for the rest. */
export interface KeyStoreOptions {
  vault: Pick<Vault, 'assertUnlocked' | 'put' | 'get' | 'delete' | 'unlocking' | 'whenUnlocked'>;
  metadata: KeyMetadataStore;
  now?: () => Date;
}

// As long as the API's `keyName` allows.
const MAX_NAME = 100;

/** The vault id of a key's private half. */
export function keySecretId(id: string): string {
  return `ssh-key/${id}`;
}

/**
 * SSH keys: public facts in a metadata list, private halves in the vault (unencrypted OpenSSH
 * format inside the vault's own encryption). Changing keys needs the vault unlocked; listing
 * them does not.
 */
export class KeyStore {
  readonly #vault: KeyStoreOptions['vault'];
  readonly #metadata: KeyMetadataStore;
  readonly #now: () => Date;

  constructor(options: KeyStoreOptions) {
    this.#vault = options.vault;
    this.#metadata = options.metadata;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Imports a private key given as text or as a file path (exactly one); the passphrase is not
   * kept. Importing a key that is already stored (same fingerprint) returns the stored entry, so
   * scripts may import the same file every time; a different key under a taken name is
   * `ALREADY_EXISTS`.
   */
  importKey(args: ImportKeyArgs): KeyMeta {
    const name = this.#validName(args.name);
    if ((args.privateKey === undefined) === (args.path === undefined)) {
      throw new CrossdockError('INVALID_ARGUMENT', 'Give the private key either as text or as a file path.');
    }
    const text = args.path === undefined ? args.privateKey! : readKeyFile(args.path);
    // OpenSSH files show their public key in the clear: a known key needs no passphrase or unlock.
    const peeked = openSshPublicBlob(text.toString());
    const known = peeked && this.#byFingerprint(sshFingerprint(peeked));
    if (known) return known;

    // Asked up front, so the user unlocks the vault before typing a key passphrase, not after.
    this.#vault.assertUnlocked();
    const info = readPrivateKey(text, args.passphrase, args.path ?? name);
    const twin = this.#byFingerprint(info.fingerprint);
    if (twin) {
      info.unencryptedPrivateKey.fill(0);
      return twin;
    }
    try {
      this.#assertNameFree(name);
    } catch (error) {
      info.unencryptedPrivateKey.fill(0);
      throw error;
    }
    return this.#add(name, info.type, info.fingerprint, info.publicKey, info.unencryptedPrivateKey);
  }

  /** Generates an ed25519 key whose comment is its name. */
  generateKey(args: { name: string }): KeyMeta {
    const name = this.#validName(args.name);
    this.#assertNameFree(name);
    this.#vault.assertUnlocked();
    const key = generateEd25519Key(name);
    return this.#add(name, key.type, key.fingerprint, key.publicKey, key.privateKey);
  }

  list(): KeyMeta[] {
    return this.#metadata.load().map((key) => ({ ...key }));
  }

  get(id: string): KeyMeta {
    const key = this.#metadata.load().find((candidate) => candidate.id === id);
    if (!key) throw new CrossdockError('NOT_FOUND', `No SSH key with id "${id}".`, { id });
    return { ...key };
  }

  /** Deletes the private half first, so a failure half-way never leaves key material behind. */
  remove(id: string): void {
    this.get(id);
    this.#vault.delete(keySecretId(id));
    this.#metadata.update((list) => list.filter((key) => key.id !== id));
  }

  /** Core-internal, for the SSH layer: the unencrypted private key. Zero it after use. */
  privateKey(id: string): Buffer {
    this.get(id);
    return this.#vault.get(keySecretId(id));
  }

  /**
   * The private key now or, while the vault's unlock is under way, a loader that waits for it: the
   * CLI starts SSH logins (TCP and key exchange) during the passphrase's scrypt, and each login asks
   * for its key only when the server is ready to authenticate. Locked with no unlock under way, it
   * throws `VAULT_LOCKED` at once, as {@link privateKey} does.
   */
  privateKeySource(id: string): Buffer | DeferredPrivateKey {
    if (!this.#vault.unlocking) return this.privateKey(id);
    this.get(id);
    return {
      keyId: id,
      load: async () => {
        await this.#vault.whenUnlocked();
        return this.privateKey(id);
      },
    };
  }

  #add(name: string, type: SshKeyType, fingerprint: string, publicKey: string, privateKey: Buffer): KeyMeta {
    const meta: KeyMeta = {
      id: randomUUID(),
      name,
      type,
      fingerprint,
      publicKey,
      createdAt: this.#now().toISOString(),
    };
    try {
      this.#vault.put(keySecretId(meta.id), privateKey, { kind: 'ssh-key', keyType: type });
    } finally {
      privateKey.fill(0);
    }
    try {
      this.#metadata.update((list) => [...list, meta]);
    } catch (error) {
      this.#vault.delete(keySecretId(meta.id));
      throw error;
    }
    return { ...meta };
  }

  #validName(raw: string): string {
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (!name || name.length > MAX_NAME || /\p{Cc}/u.test(name)) {
      throw new CrossdockError('INVALID_ARGUMENT', `A key name is 1–${MAX_NAME} printable characters.`);
    }
    return name;
  }

  #assertNameFree(name: string): void {
    const taken = this.#metadata.load().find((key) => key.name.toLowerCase() === name.toLowerCase());
    if (taken)
      throw new CrossdockError('ALREADY_EXISTS', `An SSH key named "${taken.name}" already exists.`, {
        id: taken.id,
        name: taken.name,
      });
  }

  #byFingerprint(fingerprint: string): KeyMeta | undefined {
    const key = this.#metadata.load().find((candidate) => candidate.fingerprint === fingerprint);
    return key && { ...key };
  }
}

/** A metadata list in memory (tests, and anything that has no settings store). */
export function createMemoryKeyMetadataStore(initial: KeyMeta[] = []): KeyMetadataStore {
  let list = initial.map((key) => ({ ...key }));
  return {
    load: () => list.map((key) => ({ ...key })),
    update: (change) => {
      list = change(list.map((key) => ({ ...key }))).map((key) => ({ ...key }));
    },
  };
}
