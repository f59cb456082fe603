import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
  fchmodSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CrossdockError } from '../../../shared/errors.js';
import { isValidScryptParams } from './passphrase-kdf.js';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sealedBox = z.strictObject({ iv: base64, tag: base64, data: base64 });

const scryptKdf = z
  .strictObject({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: base64 })
  .refine(isValidScryptParams, 'scrypt parameters out of bounds');

const protection = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('passphrase'), kdf: scryptKdf, wrappedKey: sealedBox }),
  z.strictObject({ kind: z.literal('keychain'), wrappedKey: base64 }),
]);

const metaValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const storedSecret = z.strictObject({
  box: sealedBox,
  meta: z.record(z.string(), metaValue),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const vaultFile = z.strictObject({
  format: z.literal('crossdock-vault'),
  version: z.literal(1),
  protection,
  /** The empty string sealed under the data key: proves an unwrapped key is the right one. */
  keyCheck: sealedBox,
  secrets: z.record(z.string(), storedSecret),
});

/**
 * The vault on disk. Everything in it is either ciphertext or deliberately public: ids, the
 * non-secret metadata callers attach, timestamps and the KDF's parameters.
 */
export type VaultFile = z.infer<typeof vaultFile>;
export type StoredSecret = z.infer<typeof storedSecret>;
export type VaultFileProtection = z.infer<typeof protection>;

/** Reads the vault file; `null` when there is none yet. */
export function readVaultFile(path: string): VaultFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = vaultFile.safeParse(json);
  if (!parsed.success) {
    throw new CrossdockError(
      'VAULT_DAMAGED',
      `The vault file ${path} is damaged or was written by a newer Crossdock; restore it from a backup, or update Crossdock.`,
      { path },
    );
  }
  return parsed.data;
}

/**
 * Writes the whole file to a temporary name (mode 0600, flushed) and then moves it into place,
 * so a crash leaves either the old vault or the new one, never half of one. With `exclusive`
 * the move is a hard link, which fails if another process created the vault in the meantime.
 */
export function writeVaultFile(path: string, file: VaultFile, options: { exclusive?: boolean } = {}): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    // The umask can only narrow the mode given to open; set it exactly anyway.
    fchmodSync(fd, 0o600);
    writeSync(fd, JSON.stringify(file, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (options.exclusive) linkSync(temp, path);
    else renameSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CrossdockError('ALREADY_EXISTS', 'The vault is already set up.');
    }
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}
