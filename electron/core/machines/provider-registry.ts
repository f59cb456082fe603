import { randomUUID } from 'node:crypto';
import { CrossdockError, type ProviderInfo } from '../../../shared/index.js';
import { dockerodeOnSocket } from '../docker/dockerode-options.js';
import { DEFAULT_DOCKER_SOCKET } from '../docker/docker-transport.js';
import { createLocalProvider } from '../providers/local/local-provider.js';
import type { Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import type { Vault } from '../vault/vault.js';
import { buildCloudProvider, providerSecretId, type StoredProvider } from './cloud-providers.js';

interface Entry {
  info: ProviderInfo;
  provider: Provider;
}

const LOCAL: ProviderInfo = {
  id: 'local',
  name: 'local',
  kind: 'local',
  region: null,
  hasCredential: true,
  builtIn: true,
};

/**
 * The providers machines can be created on: the built-in local sandbox (so a new user with no
 * cloud account can start at once) and the cloud accounts the user added, whose credentials are
 * read from the vault only when a provider is built.
 */
export class ProviderRegistry {
  private localProvider: Provider | undefined;
  private readonly built = new Map<string, Provider>();

  constructor(private readonly deps: { store: Store; vault: Vault; dockerSocket?: string }) {}

  /** Made on first use, so that wiring the core does not load dockerode. */
  private get local(): Provider {
    this.localProvider ??= createLocalProvider({
      name: 'local',
      docker: dockerodeOnSocket(this.deps.dockerSocket ?? DEFAULT_DOCKER_SOCKET),
    });
    return this.localProvider;
  }

  list(): ProviderInfo[] {
    return [LOCAL, ...this.deps.store.get('providers').map((p) => this.info(p))];
  }

  /** Every provider, built (cloud ones need the vault unlocked). */
  all(): Entry[] {
    return this.list().map((info) => this.find(info.id));
  }

  find(ref: string): Entry {
    if (ref === LOCAL.id || ref === LOCAL.name) return { info: LOCAL, provider: this.local };
    const stored = this.deps.store.get('providers').find((p) => p.id === ref || p.name === ref);
    if (!stored) {
      throw new CrossdockError(
        'NOT_FOUND',
        `There is no provider named "${ref}"; available: ${this.list()
          .map((p) => p.name)
          .join(', ')}`,
        { provider: ref },
      );
    }
    let provider = this.built.get(stored.id);
    if (!provider) {
      provider = buildCloudProvider(stored, this.deps.vault.get(providerSecretId(stored.id)).toString('utf8'));
      this.built.set(stored.id, provider);
    }
    return { info: this.info(stored), provider };
  }

  /** Checks the credentials with a cheap read call, then saves them (secret in the vault). */
  async add(
    settings: Omit<StoredProvider, 'id' | 'createdAt'>,
    secret: string,
    signal?: AbortSignal,
  ): Promise<ProviderInfo> {
    if (this.list().some((p) => p.name === settings.name)) {
      throw new CrossdockError('ALREADY_EXISTS', `A provider named "${settings.name}" already exists`, {
        provider: settings.name,
      });
    }
    this.deps.vault.assertUnlocked();
    const provider = buildCloudProvider(settings, secret);
    await provider.verifyCredentials(signal);
    const stored: StoredProvider = { ...settings, id: randomUUID(), createdAt: new Date().toISOString() };
    this.deps.vault.put(providerSecretId(stored.id), secret, { kind: 'provider-credentials' });
    this.deps.store.update('providers', (providers) => [...providers, stored]);
    this.built.set(stored.id, provider);
    return this.info(stored);
  }

  remove(ref: string): void {
    const { info } = this.find(ref);
    if (info.builtIn)
      throw new CrossdockError('FAILED_PRECONDITION', 'The local sandbox is built in and cannot be removed');
    this.deps.store.update('providers', (providers) => providers.filter((p) => p.id !== info.id));
    this.deps.vault.delete(providerSecretId(info.id));
    this.built.delete(info.id);
  }

  private info(stored: StoredProvider): ProviderInfo {
    return {
      id: stored.id,
      name: stored.name,
      kind: stored.kind,
      region: stored.region,
      hasCredential: true,
      builtIn: false,
    };
  }
}
