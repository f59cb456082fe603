export { createVault, Vault, VAULT_FILE_NAME, type SecretEntry, type SecretMeta, type VaultOptions } from './vault.js';
export { type KeyWrapper } from './key-wrapper.js';
export { DEFAULT_SCRYPT, MIN_PASSPHRASE_LENGTH, type ScryptParams } from './passphrase-kdf.js';
export { PASSPHRASE_ENV, unlockFromEnv, type UnlockFromEnvOutcome } from './unlock-from-env.js';
