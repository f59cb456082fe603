import { CrossdockError } from '../../../shared/errors.js';

const HOW_TO_UNLOCK =
  'Unlock it with your passphrase in the Crossdock app, or set CROSSDOCK_PASSPHRASE for the CLI and web mode.';

export function vaultLocked(initialized: boolean): CrossdockError {
  return initialized
    ? new CrossdockError('VAULT_LOCKED', `The vault is locked. ${HOW_TO_UNLOCK}`, { initialized })
    : new CrossdockError(
        'VAULT_LOCKED',
        'The vault is not set up yet. Choose a passphrase in the Crossdock app, or set CROSSDOCK_PASSPHRASE for the CLI and web mode.',
        { initialized },
      );
}

export function wrongPassphrase(): CrossdockError {
  return new CrossdockError('WRONG_PASSPHRASE', 'The vault passphrase is wrong; the vault stays locked.');
}

export function notInitialized(): CrossdockError {
  return new CrossdockError(
    'VAULT_NOT_INITIALIZED',
    'The vault is not set up yet. Choose a passphrase in the Crossdock app, or set CROSSDOCK_PASSPHRASE for the CLI and web mode.',
  );
}

export function protectedByKeychain(): CrossdockError {
  return new CrossdockError(
    'FAILED_PRECONDITION',
    'This vault is protected by the system keychain, not by a passphrase.',
    { protection: 'keychain' },
  );
}

export function protectedByPassphrase(): CrossdockError {
  return new CrossdockError(
    'FAILED_PRECONDITION',
    'This vault is protected by a passphrase, not by the system keychain.',
    { protection: 'passphrase' },
  );
}

export function keychainFailed(): CrossdockError {
  return new CrossdockError(
    'KEYCHAIN_UNAVAILABLE',
    'The system keychain could not unlock the vault key. Check that the keychain is unlocked and try again.',
  );
}

/** A box that fails to open under the right key: the file was edited or damaged, never silently garbage. */
export function secretDamaged(id: string): CrossdockError {
  return new CrossdockError(
    'VAULT_DAMAGED',
    `The secret "${id}" failed its integrity check: the vault file was modified or damaged.`,
    { id },
  );
}
