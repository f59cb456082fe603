import { mkdirSync } from 'node:fs';
import {
  CROSSDOCK_EVENTS,
  crossdockEventFilters,
  createMemoryPair,
  createRpcClient,
  crossdockContract,
  serveRpc,
  type ClientMode,
  type CrossdockApi,
  type CrossdockEvents,
  type RpcClient,
  type CrossdockEventFilters,
  type ServerImpl,
  type Transport,
} from '../../shared/index.js';
import { resolveDataDir } from './data-dir.js';
import { EventHub } from './events/event-hub.js';
import { hostsService } from './hosts/hosts-service.js';
import { ShellSessions } from './hosts/shell-sessions.js';
import { JobJournal } from './jobs/journal.js';
import { jobsService } from './jobs/jobs-service.js';
import { JobRegistry } from './jobs/registry.js';
import { createFileLogger, describeError, type Logger } from './log/logger.js';
import { createConfStore } from './store/conf-store.js';
import { openLockedStore, type Store, type StoreFile } from './store/store.js';
import { systemService } from './system/system-service.js';
import { bootstrapService } from './bootstrap/bootstrap-service.js';
import { HostInventory } from './hosts/inventory.js';
import { HostRuntime } from './hosts/host-runtime.js';
import { DockerEventWatcher } from './containers/docker-events.js';
import { dockerService } from './containers/docker-service.js';
import { ExecSessions } from './containers/exec-sessions.js';
import { machinesService, providersService } from './machines/machines-service.js';
import { portsService } from './ports/ports-service.js';
import { workloadsService } from './workloads/workloads-service.js';
import { migrationsService } from './migration/migrations-service.js';
import { ProviderRegistry } from './machines/provider-registry.js';
import { cachedHourlyPrice, pricesService } from './pricing/prices-service.js';
import type { HostConnectionOptions } from './ssh/host-connection.js';
import { KeyStore } from './keys/key-store.js';
import { keysService } from './keys/keys-service.js';
import { createVault, type KeyWrapper, type Vault } from './vault/index.js';
import { vaultService } from './vault/vault-service.js';
import { RegistryLogins } from './registries/registry-logins.js';
import { registriesService } from './registries/registries-service.js';
import { vaultRegistryAuth } from './registries/registry-auth.js';
import { imagesService } from './images/images-service.js';
import type { RegistryAuthResolver } from './images/pull-image.js';

export interface CoreOptions {
  /** Defaults to `CROSSDOCK_HOME` or the platform's config directory. */
  dataDir?: string;
  /** Credentials for pulls, by normalised registry host (`docker.io` for Docker Hub); default none. */
  registryAuth?: RegistryAuthResolver;
  mode: ClientMode;
  /** Electron passes its electron-store; plain Node uses conf. */
  createStore?: (dataDir: string) => StoreFile;
  logger?: Logger;
  /** Electron's safeStorage, when its backend is a real keychain; passphrase otherwise. */
  keyWrapper?: KeyWrapper;
  /** SSH connection tuning (timeouts, keepalive, reconnect). */
  connection?: HostConnectionOptions;
  /** known_hosts files to honour; default ~/.ssh/known_hosts. */
  knownHostsPaths?: string[];
  /**
   * A vault already made for `dataDir`: the CLI makes it first, to start the passphrase's
   * scrypt (hundreds of ms, on the thread pool) while the rest of the core loads.
   */
  vault?: Vault;
}

export interface Core {
  readonly dataDir: string;
  readonly impl: ServerImpl<CrossdockApi>;
  readonly events: EventHub<CrossdockEvents>;
  readonly jobs: JobRegistry;
  readonly store: Store;
  readonly logger: Logger;
  readonly vault: Vault;
  readonly keys: KeyStore;
  readonly hosts: HostInventory;
  readonly runtime: HostRuntime;
  /** Serves the API to one client connection over a transport (IPC, WebSocket, in-memory). */
  serve(transport: Transport): { close(): void };
  /** A client in this process (the CLI, tests), through the same validation as every other. */
  connectInProcess(): RpcClient<CrossdockApi, CrossdockEvents, CrossdockEventFilters>;
  dispose(): Promise<void>;
}

/** Wires the core. Everything here runs under plain Node; Electron only adds adapters. */
export function createCore(options: CoreOptions): Core {
  const dataDir = options.dataDir ?? resolveDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createFileLogger(dataDir);
  const store = openLockedStore(dataDir, options.createStore ?? createConfStore);
  const events = new EventHub<CrossdockEvents>();
  const jobs = new JobRegistry(new JobJournal(dataDir), events);
  const vault =
    options.vault ?? createVault({ dataDir, ...(options.keyWrapper ? { keyWrapper: options.keyWrapper } : {}) });
  // Every client's vault state (the secret count in Settings) follows the vault without polling.
  const stopVaultEvents = vault.onChange((status) => events.emit('vault.changed', status));
  const keys = new KeyStore({
    vault,
    metadata: { load: () => store.get('sshKeys'), update: (change) => store.update('sshKeys', change) },
  });
  const hosts = new HostInventory(store);
  const runtime = new HostRuntime({
    inventory: hosts,
    keys,
    events,
    ...(options.connection ? { connection: options.connection } : {}),
    ...(options.knownHostsPaths ? { knownHostsPaths: options.knownHostsPaths } : {}),
  });
  const watcher = new DockerEventWatcher(events, { follow: options.mode !== 'cli' });

  const hostsImpl = hostsService({
    inventory: hosts,
    runtime,
    keys,
    events,
    shells: new ShellSessions(),
    ...(options.connection ? { connection: options.connection } : {}),
  });
  const providers = new ProviderRegistry({ store, vault });
  const registryLogins = new RegistryLogins(vault, {
    load: () => store.get('registries'),
    update: (change) => store.update('registries', change),
  });
  const machinesImpl = machinesService({
    registry: providers,
    hosts: hostsImpl,
    inventory: hosts,
    runtime,
    keys,
    jobs,
  });

  const registryAuth = options.registryAuth ?? vaultRegistryAuth(vault, logger);
  const impl: ServerImpl<CrossdockApi> = {
    system: systemService({ store, dataDir, mode: options.mode }),
    jobs: jobsService(jobs),
    hosts: hostsImpl,
    vault: vaultService(vault),
    keys: keysService(keys, hosts),
    docker: dockerService({ inventory: hosts, runtime, watcher, execSessions: new ExecSessions() }),
    bootstrap: bootstrapService({ inventory: hosts, runtime, jobs }),
    providers: providersService(providers, (kind, place, type) => cachedHourlyPrice(dataDir, kind, place, type)),
    machines: machinesImpl,
    workloads: workloadsService({ inventory: hosts, runtime, jobs, vault, logger, registryAuth }),
    images: imagesService({ inventory: hosts, runtime, jobs, registryAuth }),
    ports: portsService({ inventory: hosts, runtime }),
    migrations: migrationsService({ dataDir, inventory: hosts, runtime, jobs, events }),
    registries: registriesService({ logins: registryLogins, logger }),
    prices: pricesService({
      dataDir,
      store,
      vault,
      jobs,
      machines: (signal) =>
        machinesImpl.list({}, { signal: signal ?? new AbortController().signal, progress: () => {}, emit: () => {} }),
    }),
  };

  const connections = new Set<{ close(): void }>();
  const serve = (transport: Transport): { close(): void } => {
    const connection = serveRpc<CrossdockApi, CrossdockEvents, CrossdockEventFilters>(transport, {
      contract: crossdockContract,
      impl,
      events,
      eventNames: CROSSDOCK_EVENTS,
      eventFilters: crossdockEventFilters,
      onInternalError: (method, error) => logger.log('error', `API call ${method} failed`, describeError(error)),
    });
    connections.add(connection);
    transport.onClose(() => connections.delete(connection));
    return connection;
  };

  return {
    dataDir,
    impl,
    events,
    jobs,
    store,
    logger,
    vault,
    keys,
    hosts,
    runtime,
    serve,
    connectInProcess() {
      const [serverSide, clientSide] = createMemoryPair();
      serve(serverSide);
      const client = createRpcClient<CrossdockApi, CrossdockEvents, CrossdockEventFilters>(clientSide);
      const close = client.close;
      return { ...client, close: () => (close(), serverSide.close()) };
    },
    async dispose() {
      await jobs.cancelAll();
      watcher.stopAll();
      stopVaultEvents();
      await runtime.dispose();
      for (const connection of connections) connection.close();
      connections.clear();
    },
  };
}
