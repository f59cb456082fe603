import { readFileSync } from 'node:fs';
import { derivePassphraseKey, isValidScryptParams, type ScryptParams } from './passphrase-kdf.js';

/** The vault's file in the data folder (here, so the CLI can find it without loading the vault module). */
export const VAULT_FILE_NAME = 'vault.json';

/** A passphrase's scrypt started before the vault module (and zod with it) has loaded. */
export interface EarlyDerivation {
  /** The salt and cost it was started with: the vault uses it only if its checked file agrees. */
  salt: string;
  params: ScryptParams;
  key: Promise<Buffer>;
}

/**
 * Starts the scrypt of `passphrase` for the vault file at `path`, reading only the KDF's salt and
 * cost, by hand. Why not the vault's own reader: it validates the whole file with zod, whose
 * import alone costs the CLI about 40 ms, all of it before the scrypt (the longest step of a
 * command like `ps`) could start. Nothing read here is trusted: {@link Vault.unlock} checks the
 * file as always and uses this key only when the salt and cost it checked are these; otherwise it
 * derives again. Returns null when there is nothing to start (no passphrase, no readable file).
 */
export function startEarlyDerivation(path: string, passphrase: string | undefined): EarlyDerivation | null {
  if (!passphrase) return null;
  let kdf: unknown;
  try {
    const file: unknown = JSON.parse(readFileSync(path, 'utf8'));
    kdf = field(field(file, 'protection'), 'kdf');
  } catch {
    return null;
  }
  const salt = field(kdf, 'salt');
  const params = { N: field(kdf, 'N'), r: field(kdf, 'r'), p: field(kdf, 'p') };
  if (field(kdf, 'name') !== 'scrypt' || typeof salt !== 'string' || !isScryptParams(params)) return null;
  const key = derivePassphraseKey(passphrase, Buffer.from(salt, 'base64'), params);
  key.catch(() => undefined); // the vault awaits it, or derives again; never an unhandled rejection
  return { salt, params, key };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, name)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function isScryptParams(params: { N: unknown; r: unknown; p: unknown }): params is ScryptParams {
  const { N, r, p } = params;
  return typeof N === 'number' && typeof r === 'number' && typeof p === 'number' && isValidScryptParams({ N, r, p });
}
