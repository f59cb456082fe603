import type { VaultStatus } from '../../../shared/index.js';
import { loadKeys } from '../keys/key-actions.js';
import { attempt, type CoreRun, type Outcome } from '../state/core-call.js';
import type { LiveSource } from '../state/live-loader.js';
import { setKeys, setVault } from '../state/store.js';

/**
 * The vault's calls never go through the unlock prompt (`vault: false`): they are the prompt.
 * Every answer is a fresh status, which goes straight into the store.
 */
async function vaultCall(run: CoreRun<VaultStatus>): Promise<Outcome<VaultStatus>> {
  const outcome = await attempt(run, { vault: false });
  if (outcome.ok) {
    setVault(outcome.value);
    if (outcome.value.unlocked) void loadKeys();
    else setKeys(null);
  }
  return outcome;
}

export const refreshVault = (): Promise<Outcome<VaultStatus>> => vaultCall((api) => api.vault.status({}));

/** The vault's status as a live source: there is no event for it (the CLI or another window may lock it). */
export const vaultLive: LiveSource = { load: async () => void (await refreshVault()) };
export const createVault = (passphrase: string): Promise<Outcome<VaultStatus>> =>
  vaultCall((api) => api.vault.initialize({ passphrase }));
export const createKeychainVault = (): Promise<Outcome<VaultStatus>> =>
  vaultCall((api) => api.vault.initializeWithKeychain({}));
export const unlockVault = (passphrase: string): Promise<Outcome<VaultStatus>> =>
  vaultCall((api) => api.vault.unlock({ passphrase }));
export const lockVault = (): Promise<Outcome<VaultStatus>> => vaultCall((api) => api.vault.lock({}));
export const changeVaultPassphrase = (current: string, next: string): Promise<Outcome<VaultStatus>> =>
  vaultCall((api) => api.vault.changePassphrase({ current, next }));
