import type { CrossdockApi, ServerImpl } from '../../../shared/index.js';
import type { Vault } from './vault.js';

export function vaultService(vault: Vault): ServerImpl<CrossdockApi>['vault'] {
  const status = () => vault.status();
  return {
    status: async () => status(),
    initialize: async ({ passphrase }) => {
      await vault.initialize(passphrase);
      return status();
    },
    unlock: async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return status();
    },
    initializeWithKeychain: async () => {
      vault.initializeWithKeychain();
      return status();
    },
    unlockWithKeychain: async () => {
      vault.unlockWithKeychain();
      return status();
    },
    lock: async () => {
      vault.lock();
      return status();
    },
    changePassphrase: async ({ current, next }) => {
      await vault.changePassphrase(current, next);
      return status();
    },
  };
}
