import { mkdirSync } from 'node:fs';
import {
  CROSSDOCK_EVENTS,
  createMemoryPair,
  createRpcClient,
  crossdockContract,
  serveRpc,
  type ClientMode,
  type CrossdockApi,
  type CrossdockEvents,
  type RpcClient,
  type ServerImpl,
  type Transport,
} from '../../shared/index.js';
import { resolveDataDir } from './data-dir.js';
import { EventHub } from './events/event-hub.js';
import { hostsService } from './hosts/hosts-service.js';
import { JobJournal } from './jobs/journal.js';
import { jobsService } from './jobs/jobs-service.js';
import { JobRegistry } from './jobs/registry.js';
import { createFileLogger, describeError, type Logger } from './log/logger.js';
import { createConfStore } from './store/conf-store.js';
import type { Store } from './store/store.js';
import { systemService } from './system/system-service.js';

export interface CoreOptions {
  /** Defaults to `CROSSDOCK_HOME` or the platform's config directory. */
  dataDir?: string;
  mode: ClientMode;
  /** Electron passes its electron-store; plain Node uses conf. */
  createStore?: (dataDir: string) => Store;
  logger?: Logger;
}

export interface Core {
  readonly dataDir: string;
  readonly impl: ServerImpl<CrossdockApi>;
  readonly events: EventHub<CrossdockEvents>;
  readonly jobs: JobRegistry;
  readonly store: Store;
  readonly logger: Logger;
  /** Serves the API to one client connection over a transport (IPC, WebSocket, in-memory). */
  serve(transport: Transport): { close(): void };
  /** A client in this process (the CLI, tests), through the same validation as every other. */
  connectInProcess(): RpcClient<CrossdockApi, CrossdockEvents>;
  dispose(): Promise<void>;
}

/** Wires the core. Everything here runs under plain Node; Electron only adds adapters. */
export function createCore(options: CoreOptions): Core {
  const dataDir = options.dataDir ?? resolveDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createFileLogger(dataDir);
  const store = (options.createStore ?? createConfStore)(dataDir);
  const events = new EventHub<CrossdockEvents>();
  const jobs = new JobRegistry(new JobJournal(dataDir), events);

  const impl: ServerImpl<CrossdockApi> = {
    system: systemService({ store, jobs, dataDir, mode: options.mode }),
    jobs: jobsService(jobs),
    hosts: hostsService(),
  };

  const connections = new Set<{ close(): void }>();
  const serve = (transport: Transport): { close(): void } => {
    const connection = serveRpc<CrossdockApi, CrossdockEvents>(transport, {
      contract: crossdockContract,
      impl,
      events,
      eventNames: CROSSDOCK_EVENTS,
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
    serve,
    connectInProcess() {
      const [serverSide, clientSide] = createMemoryPair();
      serve(serverSide);
      const client = createRpcClient<CrossdockApi, CrossdockEvents>(clientSide);
      const close = client.close;
      return { ...client, close: () => (close(), serverSide.close()) };
    },
    async dispose() {
      await jobs.cancelAll();
      for (const connection of connections) connection.close();
      connections.clear();
    },
  };
}
