import { CrossdockError, normalizeRegistry, type RegistryLoginInfo } from '../../../shared/index.js';
import type { Vault } from '../vault/vault.js';

/** A login as the settings file keeps it: public facts only (the secret is in the vault). */
export type StoredRegistryLogin = RegistryLoginInfo;

/** Where the login list lives: the settings store (under its cross-process lock), memory in tests. */
export interface RegistryLoginList {
  load(): StoredRegistryLogin[];
  update(change: (list: StoredRegistryLogin[]) => StoredRegistryLogin[]): void;
}

/**
 * What a login's secret is. A password goes to the registry (or its token server) as HTTP Basic
 * auth; an identity token is an OAuth refresh token (Azure, some Docker Desktop logins), which the
 * Docker API takes as `identitytoken` and a token server takes as `grant_type=refresh_token`.
 */
export type RegistrySecretKind = 'password' | 'identity-token';

/** A login with its secret, for the core's own use (checking it, sending it with a pull). */
export interface RegistryCredentials {
  registry: string;
  username: string;
  secret: string;
  kind: RegistrySecretKind;
}

/** The vault id of a registry's password or token. */
export function registrySecretId(registry: string): string {
  return `registry:${registry}`;
}

/** The normalised name, or INVALID_ARGUMENT naming what was given. */
export function requireRegistryName(input: string): string {
  const registry = normalizeRegistry(input);
  if (registry === null)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `"${input}" is not a registry name: give its host, optionally with a port (ghcr.io, registry.example.com:5000, docker.io)`,
      { registry: input },
    );
  return registry;
}

type LoginVault = Pick<Vault, 'assertUnlocked' | 'put' | 'get' | 'delete' | 'list' | 'has'>;

/**
 * The saved logins: username and date in the settings file, for listing without the vault; the
 * secret in the vault as `registry:<registry>`, whose plain-text metadata repeats the username and
 * the secret's kind so that a pull can be given its auth from the vault alone.
 */
export class RegistryLogins {
  constructor(
    private readonly vault: LoginVault,
    private readonly list: RegistryLoginList,
    private readonly now: () => Date = () => new Date(),
  ) {}

  all(): RegistryLoginInfo[] {
    return this.list
      .load()
      .map((login) => ({ ...login }))
      .sort((a, b) => a.registry.localeCompare(b.registry));
  }

  /** VAULT_LOCKED (saying how to unlock) unless a login can be saved now. */
  assertUnlocked(): void {
    this.vault.assertUnlocked();
  }

  /** Saves or replaces a login; the vault first, so the list never names a login without a secret. */
  save(credentials: RegistryCredentials): RegistryLoginInfo {
    this.vault.assertUnlocked();
    const registry = requireRegistryName(credentials.registry);
    const login: StoredRegistryLogin = {
      registry,
      username: credentials.username,
      savedAt: this.now().toISOString(),
    };
    this.vault.put(registrySecretId(registry), credentials.secret, {
      kind: 'registry-login',
      username: credentials.username,
      secretKind: credentials.kind,
    });
    this.list.update((list) => [...list.filter((entry) => entry.registry !== registry), login]);
    return { ...login };
  }

  /** Deletes the secret first, so a failure half-way never leaves it behind. */
  remove(input: string): void {
    const registry = requireRegistryName(input);
    const known = this.list.load().some((entry) => entry.registry === registry);
    if (!known && !this.vault.has(registrySecretId(registry))) throw notLoggedIn(registry);
    this.vault.delete(registrySecretId(registry));
    this.list.update((list) => list.filter((entry) => entry.registry !== registry));
  }

  /** The saved login with its secret, or null when there is none (VAULT_LOCKED when there is one but the vault is shut). */
  credentials(input: string): RegistryCredentials | null {
    const registry = requireRegistryName(input);
    const id = registrySecretId(registry);
    const entry = this.vault.list().find((secret) => secret.id === id);
    if (!entry) return null;
    const secret = this.vault.get(id);
    try {
      return {
        registry,
        username: typeof entry.meta.username === 'string' ? entry.meta.username : '',
        secret: secret.toString('utf8'),
        kind: entry.meta.secretKind === 'identity-token' ? 'identity-token' : 'password',
      };
    } finally {
      secret.fill(0);
    }
  }

  /** {@link credentials}, or NOT_FOUND saying how to log in. */
  requireCredentials(input: string): RegistryCredentials {
    const credentials = this.credentials(input);
    if (!credentials) throw notLoggedIn(requireRegistryName(input));
    return credentials;
  }
}

function notLoggedIn(registry: string): CrossdockError {
  return new CrossdockError(
    'NOT_FOUND',
    `There is no saved login for ${registry}; "crossdock registry login ${registry}" saves one`,
    { registry },
  );
}
