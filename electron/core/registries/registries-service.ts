import type { CrossdockApi, RegistryLoginInfo, ServerImpl } from '../../../shared/index.js';
import type { Logger } from '../log/logger.js';
import { dockerConfigPath } from './docker-config.js';
import { checkRegistryLogin, type Fetch } from './registry-check.js';
import { importDockerLogins, type CredentialHelpers } from './registry-import.js';
import { requireRegistryName, type RegistryLogins } from './registry-logins.js';

export interface RegistriesServiceDeps {
  logins: RegistryLogins;
  logger: Logger;
  /** Tests stub the network and the helpers; the core uses global fetch and real helpers. */
  fetch?: Fetch;
  helpers?: CredentialHelpers;
  env?: NodeJS.ProcessEnv;
}

/** Only the public facts cross the boundary. */
function toInfo(login: RegistryLoginInfo): RegistryLoginInfo {
  return { registry: login.registry, username: login.username, savedAt: login.savedAt };
}

export function registriesService(deps: RegistriesServiceDeps): ServerImpl<CrossdockApi>['registries'] {
  const { logins, logger } = deps;
  const check = { ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  return {
    list: async () => logins.all().map(toInfo),
    login: async ({ registry: input, username, password, verify }, { signal }) => {
      const registry = requireRegistryName(input);
      logger.addSecret(password);
      // Asked before the network check, so a locked vault is said first, not after a slow round trip.
      logins.assertUnlocked();
      const credentials = { registry, username, secret: password, kind: 'password' as const };
      if (verify !== false) {
        const result = await checkRegistryLogin(credentials, { ...check, signal });
        logger.log('info', 'registry login checked', { registry, username, auth: result.auth });
      }
      return toInfo(logins.save(credentials));
    },
    test: async ({ registry }, { signal }) => {
      const credentials = logins.requireCredentials(registry);
      logger.addSecret(credentials.secret);
      return checkRegistryLogin(credentials, { ...check, signal });
    },
    remove: async ({ registry }) => {
      logins.remove(registry);
    },
    import: async () => {
      const report = await importDockerLogins({
        logins,
        configPath: dockerConfigPath(deps.env ?? process.env),
        ...(deps.helpers ? { helpers: deps.helpers } : {}),
      });
      logger.log('info', 'imported Docker client logins', {
        imported: report.imported.map((login) => login.registry),
        skipped: report.skipped.length,
      });
      return report;
    },
  };
}
