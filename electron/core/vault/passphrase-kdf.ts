import { randomBytes, scrypt } from 'node:crypto';
import { CrossdockError } from '../../../shared/errors.js';
import { KEY_BYTES } from './sealed-box.js';

/** scrypt's cost parameters, stored in the vault file so they can be raised later without breaking old files. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's recommended minimum for scrypt (2^17, 8, 1): 128 MiB and about half a second on a
 * 2-vCPU VM, measured by `passphrase-kdf.test.ts`. It runs on libuv's thread pool, so the
 * Electron main process stays responsive while it works.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** Bounds for parameters read from a file or given by a caller: weak enough to matter or heavy enough to hang. */
export const SCRYPT_BOUNDS = { minLogN: 14, maxLogN: 20, maxR: 32, maxP: 16 } as const;

export const MIN_PASSPHRASE_LENGTH = 8;
const MAX_PASSPHRASE_LENGTH = 1024;

export function isValidScryptParams(params: ScryptParams): boolean {
  const logN = Math.log2(params.N);
  return (
    Number.isInteger(logN) &&
    logN >= SCRYPT_BOUNDS.minLogN &&
    logN <= SCRYPT_BOUNDS.maxLogN &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= SCRYPT_BOUNDS.maxR &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= SCRYPT_BOUNDS.maxP
  );
}

/**
 * Checks a new passphrase. Length counts characters after NFC normalisation, so "é" typed as one
 * or two code points counts the same; the message never repeats the passphrase.
 */
export function assertAcceptablePassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The vault passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`,
      {
        minLength: MIN_PASSPHRASE_LENGTH,
      },
    );
  }
  if (length > MAX_PASSPHRASE_LENGTH) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The vault passphrase must be at most ${MAX_PASSPHRASE_LENGTH} characters long.`,
    );
  }
}

export function newSalt(): Buffer {
  return randomBytes(16);
}

/**
 * Derives the key that wraps the data key. The passphrase is NFC-normalised because macOS and
 * Linux input methods can produce different code points for the same typed text.
 */
export function derivePassphraseKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  // Node refuses anything above 32 MiB by default; scrypt needs 128·r·(N + p + 2) bytes.
  const maxmem = 128 * params.r * (params.N + params.p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, { ...params, maxmem }, (error, key) => {
      secret.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}
