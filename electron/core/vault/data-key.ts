import { randomBytes } from 'node:crypto';
import type { EarlyDerivation } from './early-derivation.js';
import { derivePassphraseKey, newSalt, type ScryptParams } from './passphrase-kdf.js';
import { KEY_BYTES, open, seal, type SealedBox } from './sealed-box.js';
import type { VaultFileProtection } from './vault-file.js';

// Each AAD names the role of a box, so no box in the file can be moved into another role.
const DATA_KEY_AAD = 'crossdock-vault/v1/data-key';
const KEY_CHECK_AAD = 'crossdock-vault/v1/key-check';

/** The AAD of a secret: its id, so ciphertexts swapped between ids fail to open. */
export function secretAad(id: string): string {
  return `crossdock-vault/v1/secret/${id}`;
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

type PassphraseProtection = Extract<VaultFileProtection, { kind: 'passphrase' }>;

export async function wrapWithPassphrase(
  dataKey: Buffer,
  passphrase: string,
  params: ScryptParams,
): Promise<PassphraseProtection> {
  const salt = newSalt();
  const wrappingKey = await derivePassphraseKey(passphrase, salt, params);
  try {
    return {
      kind: 'passphrase',
      kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
      wrappedKey: seal(wrappingKey, dataKey, DATA_KEY_AAD),
    };
  } finally {
    wrappingKey.fill(0);
  }
}

/** The data key, or `null` when the passphrase is wrong (GCM's tag does not verify). */
export async function unwrapWithPassphrase(
  protection: PassphraseProtection,
  passphrase: string,
  early?: EarlyDerivation | null,
): Promise<Buffer | null> {
  const { N, r, p, salt } = protection.kdf;
  const matches = early && early.salt === salt && early.params.N === N && early.params.r === r && early.params.p === p;
  if (early && !matches)
    void early.key.then(
      (unused) => unused.fill(0),
      () => undefined,
    );
  const wrappingKey = matches
    ? await early.key
    : await derivePassphraseKey(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  try {
    return open(wrappingKey, protection.wrappedKey, DATA_KEY_AAD);
  } finally {
    wrappingKey.fill(0);
  }
}

/**
 * A keychain's decrypt is not necessarily authenticated, so every unwrapped key is checked
 * against this box before it is trusted.
 */
export function keyCheckFor(dataKey: Buffer): SealedBox {
  return seal(dataKey, Buffer.alloc(0), KEY_CHECK_AAD);
}

export function isRightKey(dataKey: Buffer, keyCheck: SealedBox): boolean {
  return dataKey.length === KEY_BYTES && open(dataKey, keyCheck, KEY_CHECK_AAD) !== null;
}
