import { DOCKER_HUB } from '../../../shared/index.js';
import type { Logger } from '../log/logger.js';
import type { Vault } from '../vault/vault.js';
import { RegistryLogins } from './registry-logins.js';

/**
 * The Docker Engine API's registry auth (`X-Registry-Auth`, dockerode's `authconfig`): sent with
 * each pull or push, never stored on the host. `identitytoken` is set, and `password` empty, for
 * a login whose secret is an OAuth refresh token rather than a password.
 */
export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
  identitytoken?: string;
}

/**
 * The server address Docker's own CLI sends: Docker Hub's historical index URL (the engine maps
 * it to Hub), the registry's `host[:port]` for every other.
 */
export function serverAddressOf(registry: string): string {
  return registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry;
}

/**
 * The auth to send with a pull from `registry` (a normalised name: `docker.io` for Hub), from the
 * vault alone: null when no login is saved (the pull goes anonymous). A saved login in a locked
 * vault is VAULT_LOCKED rather than an anonymous pull that would fail with a misleading error.
 * The secret is registered with the logger, so no log line can carry it.
 */
export function vaultRegistryAuth(
  vault: Pick<Vault, 'assertUnlocked' | 'put' | 'get' | 'delete' | 'list' | 'has'>,
  logger: Logger,
): (registry: string) => Promise<RegistryAuth | null> {
  // The settings-file list is not needed to read a login: the vault's metadata names the user.
  const logins = new RegistryLogins(vault, { load: () => [], update: () => undefined });
  return async (registry) => {
    const credentials = logins.credentials(registry);
    if (!credentials) {
      logger.log('debug', 'no saved registry login; pulling anonymously', { registry });
      return null;
    }
    logger.addSecret(credentials.secret);
    logger.log('debug', 'using the saved registry login', { registry, username: credentials.username });
    const serveraddress = serverAddressOf(credentials.registry);
    return credentials.kind === 'identity-token'
      ? { username: credentials.username, password: '', serveraddress, identitytoken: credentials.secret }
      : { username: credentials.username, password: credentials.secret, serveraddress };
  };
}
