import type Dockerode from 'dockerode';
import type { ContainerAction, CrossdockApi, ServerImpl } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory, StoredHost } from '../hosts/inventory.js';
import { acrossHosts } from './cross-host.js';
import { fromDockerApi } from './docker-api-errors.js';
import type { DockerEventWatcher } from './docker-events.js';
import type { ExecSessions } from './exec-sessions.js';
import { streamLogs } from './log-stream.js';
import { streamStats } from './stats-stream.js';
import { StartTimes } from './start-times.js';
import { toContainerSummary, toImageSummary, toNetworkSummary, toVolumeSummary } from './summaries.js';

export interface DockerServiceDeps {
  inventory: HostInventory;
  runtime: HostRuntime;
  watcher: DockerEventWatcher;
  execSessions: ExecSessions;
}

const ACTIONS: Record<ContainerAction, (c: Dockerode.Container, force: boolean) => Promise<unknown>> = {
  start: (c) => c.start(),
  stop: (c) => c.stop(),
  restart: (c) => c.restart(),
  pause: (c) => c.pause(),
  unpause: (c) => c.unpause(),
  kill: (c) => c.kill(),
  remove: (c, force) => c.remove({ force }),
};

export function dockerService(deps: DockerServiceDeps): ServerImpl<CrossdockApi>['docker'] {
  const { inventory, runtime, watcher } = deps;
  const label = (host: StoredHost): { hostId: string; hostName: string } => ({ hostId: host.id, hostName: host.name });
  /** A listing also (re)starts the host's event stream, so what is shown stays live. */
  const listed = <T>(engine: DockerEngine, host: StoredHost, items: T[]): T[] => {
    watcher.watch(host.id, engine);
    return items;
  };
  const startTimes = new StartTimes();
  const resolve = async (ref: string): Promise<{ host: StoredHost; engine: DockerEngine }> => {
    const host = inventory.find(ref);
    return { host, engine: await runtime.engine(host) };
  };

  return {
    containers: ({ hosts, all }, ctx) =>
      acrossHosts(deps, hosts, async (engine, host) => {
        const list = await engine.call((d) => d.listContainers({ all, abortSignal: ctx.signal }));
        const started = await startTimes.of(engine, host.id, list, ctx.signal);
        return listed(
          engine,
          host,
          list.map((c) => toContainerSummary(label(host), c, started.get(c.Id) ?? null)),
        );
      }),
    images: ({ hosts }, ctx) =>
      acrossHosts(deps, hosts, async (engine, host) => {
        // "Used by" counts containers by image id: a container keeps its image's id when the tag moves.
        const [images, containers] = await Promise.all([
          engine.call((d) => d.listImages({ abortSignal: ctx.signal })),
          engine.call((d) => d.listContainers({ all: true, abortSignal: ctx.signal })),
        ]);
        const usedBy = new Map<string, number>();
        for (const c of containers) usedBy.set(c.ImageID, (usedBy.get(c.ImageID) ?? 0) + 1);
        return listed(
          engine,
          host,
          images.map((i) => toImageSummary(label(host), i, usedBy.get(i.Id) ?? 0)),
        );
      }),
    volumes: ({ hosts }, ctx) =>
      acrossHosts(deps, hosts, async (engine, host) =>
        listed(
          engine,
          host,
          ((await engine.call((d) => d.listVolumes({ abortSignal: ctx.signal }))).Volumes ?? []).map((v) =>
            toVolumeSummary(label(host), v),
          ),
        ),
      ),
    networks: ({ hosts }, ctx) =>
      acrossHosts(deps, hosts, async (engine, host) =>
        listed(
          engine,
          host,
          (await engine.call((d) => d.listNetworks({ abortSignal: ctx.signal }))).map((n) =>
            toNetworkSummary(label(host), n),
          ),
        ),
      ),
    containerAction: async ({ host: ref, container, action, force }) => {
      const { host, engine } = await resolve(ref);
      try {
        await engine.call((d) => ACTIONS[action](d.getContainer(container), force === true));
      } catch (error) {
        throw fromDockerApi(error, `Container "${container}"`, host.name);
      }
    },
    logs: async (args, ctx) => {
      const { host, engine } = await resolve(args.host);
      return streamLogs(engine, host.name, args, ctx);
    },
    exec: async (args, ctx) => {
      const { host, engine } = await resolve(args.host);
      return deps.execSessions.run(engine, host.name, args, ctx);
    },
    execInput: async ({ sessionId, data }) => deps.execSessions.input(sessionId, data),
    execResize: async ({ sessionId, cols, rows }) => deps.execSessions.resize(sessionId, cols, rows),
    stats: async ({ host: ref, container }, ctx) => {
      const { host, engine } = await resolve(ref);
      return streamStats(engine, host.name, container, ctx);
    },
  };
}
