import type { CrossdockApi, ServerImpl } from '../../../shared/index.js';
import type { Vault } from './vault.js';

export function vaultService(vault: Vault): ServerImpl<CrossdockApi>['vault'] {
  return {
    status: async () => vault.status(),
    initialize: async ({ passphrase }) => {
      await vault.initialize(passphrase);
      return vault.status();
    },
    unlock: async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return vault.status();
    },
    lock: async () => {
      vault.lock();
      return vault.status();
    },
    changePassphrase: async ({ current, next }) => {
      await vault.changePassphrase(current, next);
      return vault.status();
    },
  };
}
