import { CrossdockError } from '../../../shared/errors.js';

/**
 * Wraps the vault's data key with a key the operating system keeps (macOS Keychain, Windows DPAPI,
 * libsecret/kwallet on Linux). Electron's main process implements it with `safeStorage`; the core
 * only sees this interface, so it never imports Electron.
 *
 * The implementer must offer it only when the backend really is a keychain. On Linux without a
 * keyring `safeStorage.getSelectedStorageBackend()` returns `basic_text`, which "encrypts" with a
 * hard-coded password: that is obfuscation, and accepting it silently would leave the data key
 * readable by anyone who can read the vault file. In that case pass no wrapper and let the user
 * choose a passphrase instead.
 *
 * `safeStorage` works on strings, so an implementation typically base64-encodes `plain` before
 * `encryptString` and decodes after `decryptString`.
 */
export interface KeyWrapper {
  readonly kind: 'keychain';
  /** Encrypts the 32-byte data key; the result is stored in the vault file as is. */
  encrypt(plain: Buffer): Buffer;
  /** Reverses {@link KeyWrapper.encrypt}; throws if the keychain refuses or is unavailable. */
  decrypt(wrapped: Buffer): Buffer;
}

/** Refuses anything that does not declare itself a keychain (a JS caller could pass any object). */
export function assertKeychainWrapper(wrapper: KeyWrapper | undefined): KeyWrapper {
  if (!wrapper) {
    throw new CrossdockError(
      'KEYCHAIN_UNAVAILABLE',
      'No system keychain is available here; use a passphrase for the vault instead.',
    );
  }
  if ((wrapper as { kind: unknown }).kind !== 'keychain') {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      'Only a real system keychain may protect the vault (never a plain-text backend).',
    );
  }
  return wrapper;
}
