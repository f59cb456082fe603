import { create } from 'zustand';

export interface VaultPromptState {
  /**
   * Shown while a call waits for the vault: `create` when it has never been set up, `unlock`
   * when it is locked, `check` while the window asks the core which of the two it is.
   */
  mode: 'create' | 'unlock' | 'check' | null;
}

export const useVaultPrompt = create<VaultPromptState>()(() => ({ mode: null }));

let waiting: ((unlocked: boolean) => void)[] = [];

/**
 * Asks the user to unlock (or create) the vault and resolves with whether it is open now. Calls
 * that fail together share one prompt. `initialized` comes from VAULT_LOCKED's details; null
 * means unknown, and the prompt asks `vault.status` before choosing its form.
 */
export function requestVaultAccess(initialized: boolean | null): Promise<boolean> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (useVaultPrompt.getState().mode === null) {
      useVaultPrompt.setState({ mode: initialized === null ? 'check' : initialized ? 'unlock' : 'create' });
    }
  });
}

export function setVaultPromptMode(mode: 'create' | 'unlock'): void {
  if (useVaultPrompt.getState().mode !== null) useVaultPrompt.setState({ mode });
}

/** Closes the prompt and answers every call that was waiting for it. */
export function settleVaultPrompt(unlocked: boolean): void {
  const resolvers = waiting;
  waiting = [];
  useVaultPrompt.setState({ mode: null });
  for (const resolve of resolvers) resolve(unlocked);
}
