/** How the vault's data key is protected. */
export type VaultProtection = 'passphrase' | 'keychain';

/** What anyone may know about the vault: never a key, never a secret. */
export interface VaultStatus {
  initialized: boolean;
  unlocked: boolean;
  protection: VaultProtection | null;
  secretCount: number;
}
