import { safeStorage } from 'electron';
import type { KeyWrapper } from '../core/vault/index.js';

/**
 * The vault's keychain protection through Electron's safeStorage — offered only when a real
 * keychain is behind it. On Linux without a keyring safeStorage falls back to `basic_text`, a
 * hard-coded password: that is obfuscation, so then there is no wrapper and the user picks a
 * passphrase instead.
 */
export function keychainWrapper(): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
  }
  return {
    kind: 'keychain',
    // safeStorage takes strings; the 32-byte data key travels as base64.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
