import { CrossdockError, type CrossdockApi, type ServerImpl, type SshKeyInfo } from '../../../shared/index.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { KeyMeta, KeyStore } from './key-store.js';
import { readSshConfigHosts } from './ssh-config-hosts.js';

function toInfo(key: KeyMeta): SshKeyInfo {
  return {
    id: key.id,
    name: key.name,
    type: key.type,
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    createdAt: key.createdAt,
  };
}

export function keysService(keys: KeyStore, hosts: HostInventory): ServerImpl<CrossdockApi>['keys'] {
  return {
    list: async () => keys.list().map(toInfo),
    import: async (args) => toInfo(keys.importKey(args)),
    generate: async ({ name }) => toInfo(keys.generateKey({ name })),
    remove: async ({ id }) => {
      const key = keys.get(id);
      const users = hosts
        .list()
        .filter((host) => host.keyId === id)
        .map((host) => host.name);
      if (users.length > 0) {
        throw new CrossdockError(
          'FAILED_PRECONDITION',
          `Key "${key.name}" is still used by ${users.join(', ')}; remove or change those hosts first`,
          { key: key.name, hosts: users },
        );
      }
      keys.remove(id);
    },
    sshConfigHosts: async () => readSshConfigHosts(),
  };
}
