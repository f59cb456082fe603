// A TEST DOUBLE for bench/ui, not a core: it implements the few calls of the contract that the
// window makes to show the Containers view (system info and settings, hosts, jobs, and the four
// Docker listings) over a fleet made up in memory, and plays the part of the hosts' Docker
// engines by changing containers and emitting `docker.changed` at a set rate. It is served by the
// real RPC server (shared/rpc/server.ts: the same validation, frames and event forwarding as the
// real core), so the page talks to it through the real WebSocket transport of the web mode.
// Methods it does not implement answer METHOD_NOT_FOUND, as an older core would.
import {
  CROSSDOCK_EVENTS,
  serveRpc,
  type Contract,
  type ContainerSummary,
  type CrossdockEvents,
  type DockerApi,
  type HostInfo,
  type HostsApi,
  type JobsApi,
  type ServerImpl,
  type SystemApi,
  type Transport,
} from '../../shared/index.js';
import { dockerSchemas } from '../../shared/api/docker.js';
import { hostsSchemas } from '../../shared/api/hosts.js';
import { jobsSchemas } from '../../shared/api/jobs.js';
import { systemSchemas } from '../../shared/api/system.js';
import { EventHub } from '../../electron/core/events/event-hub.js';
import { generateContainers } from '../../renderer/src/containers/generate-containers.js';

/** The part of the contract the double serves. */
interface SyntheticApi {
  system: Pick<SystemApi, 'info' | 'getSettings'>;
  hosts: Pick<HostsApi, 'list'>;
  jobs: Pick<JobsApi, 'list'>;
  docker: Pick<DockerApi, 'containers' | 'images' | 'volumes' | 'networks'>;
}

const contract: Contract<SyntheticApi> = {
  system: { info: systemSchemas.info, getSettings: systemSchemas.getSettings },
  hosts: { list: hostsSchemas.list },
  jobs: { list: jobsSchemas.list },
  docker: {
    containers: dockerSchemas.containers,
    images: dockerSchemas.images,
    volumes: dockerSchemas.volumes,
    networks: dockerSchemas.networks,
  },
};

export interface SyntheticCore {
  /** Serves one page's connection (what `startWebServer` calls for each WebSocket). */
  serve(transport: Transport): { close(): void };
  /** Starts changing containers and emitting `docker.changed`, `perSecond` events a second, evenly spread. */
  startEvents(perSecond: number): void;
  /** Stops the events; resolves with how many were emitted since the start. */
  stopEvents(): number;
  /** Listing calls answered, by method (the page's refetches after events). */
  readonly calls: Record<string, number>;
  /** The fleet as it is now. */
  containers(): readonly ContainerSummary[];
}

export function createSyntheticCore(options: { containers: number; hosts: number }): SyntheticCore {
  const fleet = generateContainers(options.containers, options.hosts);
  const hosts: HostInfo[] = Array.from({ length: options.hosts }, (_, i) => ({
    id: `h${i}`,
    name: `host-${i + 1}`,
    kind: 'ssh',
    endpoint: `root@10.0.${Math.floor(i / 250)}.${(i % 250) + 1}:22`,
    address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    port: 22,
    user: 'root',
    keyId: 'k1',
    hostKey: { keyType: 'ssh-ed25519', fingerprint: `SHA256:synthetic-${i}` },
    status: 'connected',
    statusError: null,
    hasCredential: true,
    createdAt: new Date(Date.UTC(2025, 0, 1)).toISOString(),
  }));
  const events = new EventHub<CrossdockEvents>();
  const calls: Record<string, number> = {};
  const count = (method: string): void => {
    calls[method] = (calls[method] ?? 0) + 1;
  };

  const pick = (wanted: string[] | undefined): ((item: { hostId: string }) => boolean) => {
    if (!wanted) return () => true;
    const set = new Set(wanted);
    return (item) => set.has(item.hostId);
  };

  const impl: ServerImpl<SyntheticApi> = {
    system: {
      info: async () => ({
        version: '0.0.0-bench',
        mode: 'web',
        dataDir: '/nonexistent/bench-ui',
        platform: process.platform,
        nodeVersion: process.version,
      }),
      getSettings: async () => ({ theme: 'light' }),
    },
    hosts: { list: async () => hosts },
    jobs: { list: async () => [] },
    docker: {
      containers: async ({ hosts: wanted, all }) => {
        count('docker.containers');
        const keep = pick(wanted);
        return { items: fleet.filter((c) => keep(c) && (all || c.state === 'running')), failures: [] };
      },
      images: async () => (count('docker.images'), { items: [], failures: [] }),
      volumes: async () => (count('docker.volumes'), { items: [], failures: [] }),
      networks: async () => (count('docker.networks'), { items: [], failures: [] }),
    },
  };

  // What a Docker engine would report: a container stops or starts, and its status moves.
  let step = 0;
  const change = (): void => {
    // A stride coprime with the fleet size walks every container before repeating one.
    const index = (step * 7919) % fleet.length;
    step += 1;
    const current = fleet[index];
    if (!current) return;
    const running = current.state === 'running';
    const next: ContainerSummary = running
      ? { ...current, state: 'exited', status: 'Exited (0) Less than a second ago' }
      : { ...current, state: 'running', status: 'Up Less than a second' };
    fleet[index] = next;
    events.emit('docker.changed', {
      hostId: next.hostId,
      kind: 'container',
      action: running ? 'die' : 'start',
      id: next.id,
    });
  };

  let timer: ReturnType<typeof setInterval> | null = null;
  let emitted = 0;
  return {
    calls,
    containers: () => fleet,
    serve: (transport) =>
      serveRpc<SyntheticApi, CrossdockEvents>(transport, { contract, impl, events, eventNames: CROSSDOCK_EVENTS }),
    startEvents(perSecond) {
      if (timer) throw new Error('the synthetic core is already emitting events');
      emitted = 0;
      const started = performance.now();
      // A 10 ms tick catches up with the schedule, so a late timer does not lower the rate.
      timer = setInterval(() => {
        const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
        while (emitted < due) {
          change();
          emitted += 1;
        }
      }, 10);
    },
    stopEvents() {
      if (timer) clearInterval(timer);
      timer = null;
      return emitted;
    },
  };
}
