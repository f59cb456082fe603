import { join } from 'node:path';
import { CrossdockError } from '../../../shared/errors.js';
import type { VaultStatus } from '../../../shared/domain/vault.js';
import {
  isRightKey,
  keyCheckFor,
  newDataKey,
  secretAad,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from './data-key.js';
import { type EarlyDerivation, VAULT_FILE_NAME } from './early-derivation.js';
import { assertKeychainWrapper, type KeyWrapper } from './key-wrapper.js';
import {
  assertAcceptablePassphrase,
  DEFAULT_SCRYPT,
  isValidScryptParams,
  type ScryptParams,
} from './passphrase-kdf.js';
import { open, seal } from './sealed-box.js';
import {
  keychainFailed,
  notInitialized,
  protectedByKeychain,
  protectedByPassphrase,
  secretDamaged,
  vaultLocked,
  wrongPassphrase,
} from './vault-errors.js';
import { withFileLock } from '../store/file-lock.js';
import {
  readVaultFile,
  writeVaultFile,
  type StoredSecret,
  type VaultFile,
  type VaultFileProtection,
} from './vault-file.js';

export { VAULT_FILE_NAME } from './early-derivation.js';

/**
 * Non-secret facts stored next to a secret, in plain text (for example `{ kind: 'ssh-key' }`).
 * Never put anything secret here.
 */
export type SecretMeta = Readonly<Record<string, string | number | boolean | null>>;

/** A secret as {@link Vault.list} shows it: everything but the value. */
export interface SecretEntry {
  id: string;
  meta: SecretMeta;
  createdAt: string;
  updatedAt: string;
}

/** How {@link createVault} finds the file and what may protect it. */
export interface VaultOptions {
  /** The vault lives in `<dataDir>/vault.json`. */
  dataDir: string;
  /** Present only when a real system keychain is available (see {@link KeyWrapper}). */
  keyWrapper?: KeyWrapper;
  /** Cost of the KDF for new passphrases; tests lower it. Existing files keep their own. */
  scrypt?: ScryptParams;
  now?: () => Date;
}

// A conservative alphabet keeps ids readable in the file and rules out `__proto__` and friends.
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}$/;

/**
 * Secrets encrypted at rest with envelope encryption: a random data key seals each secret with
 * AES-256-GCM, and the data key itself is wrapped by a passphrase or the system keychain. Only
 * this object holds the unwrapped data key, and only between unlock and lock.
 *
 * The file is read afresh by every call, because the window, the web mode and the CLI may share
 * it; every change re-reads, modifies and writes it under a lock across processes
 * ({@link withFileLock}), so two processes writing at the same instant both keep their change.
 */
export class Vault {
  readonly path: string;
  readonly #keyWrapper: KeyWrapper | undefined;
  readonly #scrypt: ScryptParams;
  readonly #now: () => Date;
  #dataKey: Buffer | null = null;
  /** The passphrase's scrypt in flight (unlock or initialize), so SSH logins can wait for it. */
  #opening: Promise<void> | null = null;
  readonly #listeners = new Set<(status: VaultStatus) => void>();

  constructor(options: VaultOptions) {
    this.path = join(options.dataDir, VAULT_FILE_NAME);
    this.#keyWrapper = options.keyWrapper;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#now = options.now ?? (() => new Date());
    if (!isValidScryptParams(this.#scrypt))
      throw new CrossdockError('INVALID_ARGUMENT', 'The scrypt parameters are out of bounds.');
  }

  /** What anyone may know without unlocking; the API returns it as it is. */
  status(): VaultStatus {
    const file = readVaultFile(this.path);
    return {
      initialized: file !== null,
      unlocked: file !== null && this.#dataKey !== null,
      protection: file?.protection.kind ?? null,
      secretCount: file ? Object.keys(file.secrets).length : 0,
      // Only the desktop app passes a key wrapper, and only when safeStorage has a real keychain.
      keychainAvailable: this.#keyWrapper !== undefined,
    };
  }

  /**
   * Calls `listener` with the new status after every change this object makes: created, unlocked,
   * locked, a secret stored or removed, the passphrase changed. (Changes another process makes to
   * the file are seen on the next `status()`.) Returns the function that stops it.
   */
  onChange(listener: (status: VaultStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Creates the vault protected by `passphrase` and leaves it unlocked. */
  async initialize(passphrase: string): Promise<void> {
    assertAcceptablePassphrase(passphrase);
    this.#assertNotInitialized();
    const dataKey = newDataKey();
    await this.#opened(async () => this.#create(dataKey, await wrapWithPassphrase(dataKey, passphrase, this.#scrypt)));
  }

  /** Creates the vault protected by the system keychain and leaves it unlocked. */
  initializeWithKeychain(): void {
    const wrapper = assertKeychainWrapper(this.#keyWrapper);
    this.#assertNotInitialized();
    const dataKey = newDataKey();
    const wrapped = wrapper.encrypt(dataKey);
    // Find a keychain that cannot give the key back now, not after secrets depend on it.
    if (!this.#keychainUnwrap(wrapper, wrapped)?.equals(dataKey)) throw keychainFailed();
    this.#create(dataKey, { kind: 'keychain', wrappedKey: wrapped.toString('base64') });
  }

  /**
   * Unlocks with the passphrase; a wrong one throws `WRONG_PASSPHRASE` and changes nothing. `early`
   * is a scrypt the CLI started before this module loaded, used if it matches the checked file.
   */
  async unlock(passphrase: string, early?: EarlyDerivation | null): Promise<void> {
    const file = this.#requireFile();
    const protection = file.protection;
    if (protection.kind !== 'passphrase') throw protectedByKeychain();
    await this.#opened(async () => {
      const dataKey = await unwrapWithPassphrase(protection, passphrase, early);
      if (!dataKey || !isRightKey(dataKey, file.keyCheck)) throw wrongPassphrase();
      this.#setKey(dataKey);
    });
  }

  /**
   * Waits for an unlock (or initialize) that is under way, then throws `VAULT_LOCKED` if the vault
   * is still locked. With none under way it answers at once, like {@link assertUnlocked}. The CLI
   * opens SSH connections while the passphrase's scrypt runs; their logins wait here for the key.
   */
  async whenUnlocked(): Promise<void> {
    while (this.#opening && !this.#dataKey) await this.#opening.catch(() => undefined);
    this.#requireKey();
  }

  /** Whether an unlock is under way (its scrypt running) while the vault is still locked. */
  get unlocking(): boolean {
    return this.#opening !== null && this.#dataKey === null;
  }

  unlockWithKeychain(): void {
    const file = this.#requireFile();
    if (file.protection.kind !== 'keychain') throw protectedByPassphrase();
    const wrapper = assertKeychainWrapper(this.#keyWrapper);
    const dataKey = this.#keychainUnwrap(wrapper, Buffer.from(file.protection.wrappedKey, 'base64'));
    if (!dataKey || !isRightKey(dataKey, file.keyCheck)) throw keychainFailed();
    this.#setKey(dataKey);
  }

  /** Throws `VAULT_LOCKED` (saying how to unlock) unless the vault is unlocked. */
  assertUnlocked(): void {
    this.#requireKey();
  }

  /** Forgets the data key (its bytes are overwritten, as far as JavaScript allows). */
  lock(): void {
    this.#setKey(null);
  }

  /**
   * Re-wraps the data key under a new passphrase (fresh salt, current KDF cost). The secrets are
   * not touched, so this is instant however many there are, and a crash cannot lose them.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    assertAcceptablePassphrase(next);
    const before = this.#requireFile();
    if (before.protection.kind !== 'passphrase') throw protectedByKeychain();
    const dataKey = await unwrapWithPassphrase(before.protection, current);
    if (!dataKey || !isRightKey(dataKey, before.keyCheck)) throw wrongPassphrase();
    try {
      const protection: VaultFileProtection = await wrapWithPassphrase(dataKey, next, this.#scrypt);
      this.#change((file) => {
        // Secrets written while scrypt ran are kept; a passphrase changed meanwhile is not overwritten.
        if (JSON.stringify(file.protection) !== JSON.stringify(before.protection)) {
          throw new CrossdockError(
            'FAILED_PRECONDITION',
            'The vault passphrase was changed by another Crossdock process meanwhile; unlock with the new one and try again.',
          );
        }
        file.protection = protection;
      });
    } finally {
      dataKey.fill(0);
    }
  }

  /** Stores (or replaces) a secret. Strings are stored as UTF-8. */
  put(id: string, value: Buffer | string, meta: SecretMeta = {}): void {
    const key = this.#requireKey();
    assertSecretId(id);
    const plain = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    try {
      const box = seal(key, plain, secretAad(id));
      const cleaned = cleanMeta(meta);
      this.#change((file) => {
        const now = this.#now().toISOString();
        const previous = ownSecret(file, id);
        file.secrets[id] = { box, meta: cleaned, createdAt: previous?.createdAt ?? now, updatedAt: now };
      });
    } finally {
      if (plain !== value) plain.fill(0);
    }
  }

  /** The secret's bytes, in a new buffer the caller may zero when done. */
  get(id: string): Buffer {
    const key = this.#requireKey();
    const entry = ownSecret(this.#requireFile(), id);
    if (!entry) throw new CrossdockError('NOT_FOUND', `The vault holds no secret "${id}".`, { id });
    const plain = open(key, entry.box, secretAad(id));
    if (!plain) throw secretDamaged(id);
    return plain;
  }

  /** Works while locked: ids are not secret, and the UI shows "has a credential" before unlock. */
  has(id: string): boolean {
    const file = readVaultFile(this.path);
    return file !== null && ownSecret(file, id) !== undefined;
  }

  /** Removes a secret; `false` if there was none. Needs the vault unlocked like any change. */
  delete(id: string): boolean {
    this.#requireKey();
    return this.#change((file) => {
      if (!ownSecret(file, id)) return false;
      delete file.secrets[id];
      return true;
    });
  }

  /** Ids and metadata, sorted by id; works while locked (nothing here is secret). */
  list(): SecretEntry[] {
    const file = readVaultFile(this.path);
    if (!file) return [];
    return Object.entries(file.secrets)
      .map(([id, { meta, createdAt, updatedAt }]) => ({ id, meta: { ...meta }, createdAt, updatedAt }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  #create(dataKey: Buffer, protection: VaultFileProtection): void {
    try {
      writeVaultFile(
        this.path,
        { format: 'crossdock-vault', version: 1, protection, keyCheck: keyCheckFor(dataKey), secrets: {} },
        { exclusive: true },
      );
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    this.#setKey(dataKey);
  }

  /**
   * Read-modify-write under the lock: `apply` sees the file as it is now (another process may
   * have changed it since this one last read it) and changes it in place. Nothing is written
   * when it returns `false`.
   */
  #change<T>(apply: (file: VaultFile) => T): T {
    const result = withFileLock(this.path, () => {
      const file = this.#requireFile();
      const result = apply(file);
      if (result !== false) writeVaultFile(this.path, file);
      return result;
    });
    if (result !== false) this.#announce();
    return result;
  }

  #announce(): void {
    if (this.#listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch {
        // A listener's failure is its own; the vault's change is made and stays made.
      }
    }
  }

  #keychainUnwrap(wrapper: KeyWrapper, wrapped: Buffer): Buffer | null {
    try {
      return wrapper.decrypt(wrapped);
    } catch {
      // The keychain's own error may name the item or the backend; callers get a generic code.
      return null;
    }
  }

  /** Runs an unlock's body as the one {@link whenUnlocked} waits for (it ends after the key is set). */
  #opened(body: () => Promise<void>): Promise<void> {
    const opening = body().finally(() => {
      if (this.#opening === opening) this.#opening = null;
    });
    this.#opening = opening;
    return opening;
  }

  #setKey(dataKey: Buffer | null): void {
    const wasUnlocked = this.#dataKey !== null;
    if (this.#dataKey && this.#dataKey !== dataKey) this.#dataKey.fill(0);
    this.#dataKey = dataKey;
    if (wasUnlocked !== (dataKey !== null)) this.#announce();
  }

  #assertNotInitialized(): void {
    if (readVaultFile(this.path)) throw new CrossdockError('ALREADY_EXISTS', 'The vault is already set up.');
  }

  #requireFile(): VaultFile {
    const file = readVaultFile(this.path);
    if (!file) throw notInitialized();
    return file;
  }

  #requireKey(): Buffer {
    if (this.#dataKey) return this.#dataKey;
    throw vaultLocked(readVaultFile(this.path) !== null);
  }
}

/** Creates a vault over `<dataDir>/vault.json`; nothing is written until it is initialised. */
export function createVault(options: VaultOptions): Vault {
  return new Vault(options);
}

function ownSecret(file: VaultFile, id: string): StoredSecret | undefined {
  return Object.hasOwn(file.secrets, id) ? file.secrets[id] : undefined;
}

function assertSecretId(id: string): void {
  if (typeof id !== 'string' || !SECRET_ID.test(id)) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      'A secret id is 1–200 characters of letters, digits and . _ : @ / -, starting with a letter or digit.',
    );
  }
}

function cleanMeta(meta: SecretMeta): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `Secret metadata "${key}" must be a string, number, boolean or null.`,
      );
    }
    out[key] = value;
  }
  return out;
}
