import {
  normalizeRegistry,
  type ImportedRegistryLogin,
  type RegistryImportReport,
  type SkippedRegistryLogin,
} from '../../../shared/index.js';
import { helperGet, helperList, type HelperCredentials } from './credential-helper.js';
import { readDockerConfig } from './docker-config.js';
import type { RegistryCredentials, RegistryLogins } from './registry-logins.js';

/** The helper protocol, replaceable in tests. */
export interface CredentialHelpers {
  get(name: string, server: string): Promise<HelperCredentials>;
  list(name: string): Promise<Record<string, string>>;
}

const realHelpers: CredentialHelpers = {
  get: (name, server) => helperGet(name, server),
  list: (name) => helperList(name),
};

/** Where a Docker client keeps one server's login, in Docker's order of precedence. */
type Source =
  | { kind: 'helper'; helper: string }
  | { kind: 'inline'; username: string; secret: string; identity: boolean };

function fromHelper(server: string, credentials: HelperCredentials): RegistryCredentials {
  // The helper protocol's marker for an identity token.
  const identity = credentials.username === '<token>';
  return {
    registry: normalizeRegistry(server) ?? server,
    username: credentials.username,
    secret: credentials.secret,
    kind: identity ? 'identity-token' : 'password',
  };
}

/**
 * Saves the logins of this computer's Docker client into Crossdock. For each server, as the
 * Docker client itself decides: its `credHelpers` entry, else the login written in `auths`, else
 * the `credsStore` helper (which also lists servers `auths` does not name). Helpers are run as
 * `docker-credential-NAME get`. Nothing is checked against the registries (that needs the network
 * and takes long for many): `registry test` does it for one.
 */
export async function importDockerLogins(options: {
  logins: Pick<RegistryLogins, 'save'>;
  configPath: string;
  helpers?: CredentialHelpers;
}): Promise<RegistryImportReport> {
  const helpers = options.helpers ?? realHelpers;
  const config = readDockerConfig(options.configPath);
  if (!config) return { configPath: null, imported: [], skipped: [] };
  const imported: ImportedRegistryLogin[] = [];
  const skipped: SkippedRegistryLogin[] = [];
  // Registry → the first server key naming it and where its login is.
  const plan = new Map<string, { server: string; source: Source }>();
  const consider = (server: string, source: Source): void => {
    const registry = normalizeRegistry(server);
    if (registry === null) {
      skipped.push({ server, reason: 'not a registry name' });
      return;
    }
    if (!plan.has(registry)) plan.set(registry, { server, source });
  };

  for (const [server, helper] of Object.entries(config.credHelpers)) consider(server, { kind: 'helper', helper });
  for (const login of config.auths) {
    if (login.identityToken)
      consider(login.server, {
        kind: 'inline',
        username: login.username ?? '<token>',
        secret: login.identityToken,
        identity: true,
      });
    else if (login.username && login.password)
      consider(login.server, { kind: 'inline', username: login.username, secret: login.password, identity: false });
    else if (config.credsStore) consider(login.server, { kind: 'helper', helper: config.credsStore });
    else
      skipped.push({
        server: login.server,
        reason: 'the entry holds no login (no auth, username and password, or identitytoken)',
      });
  }
  if (config.credsStore) {
    try {
      for (const server of Object.keys(await helpers.list(config.credsStore)))
        consider(server, { kind: 'helper', helper: config.credsStore });
    } catch (error) {
      skipped.push({ server: `credsStore ${config.credsStore}`, reason: reasonOf(error) });
    }
  }

  for (const [registry, { server, source }] of plan) {
    try {
      const credentials =
        source.kind === 'helper'
          ? fromHelper(server, await helpers.get(source.helper, server))
          : {
              registry,
              username: source.username,
              secret: source.secret,
              kind: source.identity ? ('identity-token' as const) : ('password' as const),
            };
      if (credentials.kind === 'password' && credentials.username === '') throw new Error('the login has no username');
      const saved = options.logins.save({ ...credentials, registry });
      imported.push({
        registry,
        username: saved.username,
        source: source.kind === 'helper' ? `helper docker-credential-${source.helper}` : 'auths',
      });
    } catch (error) {
      // The vault being shut is not about one entry: stop and say so.
      if (isCode(error, 'VAULT_LOCKED') || isCode(error, 'VAULT_NOT_INITIALIZED')) throw error;
      skipped.push({ server, reason: reasonOf(error) });
    }
  }
  return { configPath: options.configPath, imported, skipped };
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
