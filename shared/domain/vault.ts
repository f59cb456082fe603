/** How the vault's data key is protected. */
export type VaultProtection = 'passphrase' | 'keychain';

/** What anyone may know about the vault: never a key, never a secret. */
export interface VaultStatus {
  initialized: boolean;
  unlocked: boolean;
  protection: VaultProtection | null;
  secretCount: number;
  /**
   * Whether the system keychain can protect the vault here: only in the desktop app, and only
   * when Electron's safeStorage has a real keychain behind it (never its plain-text fallback).
   */
  keychainAvailable: boolean;
}
