import { CrossdockError, type ProviderInfo } from '../../../shared/index.js';
import { dockerodeOnSocket } from '../docker/dockerode-options.js';
import { DEFAULT_DOCKER_SOCKET } from '../docker/docker-transport.js';
import { createLocalProvider } from '../providers/local/local-provider.js';
import type { Provider } from '../providers/provider.js';

interface Entry {
  info: ProviderInfo;
  provider: Provider;
}

/**
 * The providers machines can be created on. The local sandbox is built in, so a new user with no
 * cloud account can create machines at once. (Cloud providers with credentials in the vault are
 * added here by the providers issue.)
 */
export class ProviderRegistry {
  private readonly entries: Entry[];

  constructor(options: { dockerSocket?: string } = {}) {
    const local = createLocalProvider({ name: 'local', docker: dockerodeOnSocket(options.dockerSocket ?? DEFAULT_DOCKER_SOCKET) });
    this.entries = [{ info: { id: 'local', name: 'local', kind: 'local', region: null, hasCredential: true, builtIn: true }, provider: local }];
  }

  list(): ProviderInfo[] {
    return this.entries.map((entry) => entry.info);
  }

  all(): Entry[] {
    return [...this.entries];
  }

  find(ref: string): Entry {
    const entry = this.entries.find((e) => e.info.id === ref || e.info.name === ref);
    if (!entry) {
      throw new CrossdockError('NOT_FOUND', `There is no provider named "${ref}"; available: ${this.entries.map((e) => e.info.name).join(', ')}`, { provider: ref });
    }
    return entry;
  }
}
