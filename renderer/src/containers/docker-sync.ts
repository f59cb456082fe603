import type { ClientApi, CrossdockApi, CrossHostList, HostInfo } from '../../../shared/index.js';
import type { CrossdockClient } from '../api/connect.js';
import { createLoader, type LiveSource } from '../state/live-loader.js';
import { useCrossdock } from '../state/store.js';
import { useLive } from '../state/use-live.js';
import type { ResourceItems, ResourceKind } from './docker-lists.js';
import {
  applyListAnswer,
  markAllStale,
  pruneHosts,
  setListLoading,
  useDocker,
  RESOURCE_KINDS,
} from './docker-store.js';
import { createRefetchScheduler } from './refetch-scheduler.js';

type Lister<K extends ResourceKind> = (
  api: ClientApi<CrossdockApi>,
  hosts: string[] | undefined,
) => Promise<CrossHostList<ResourceItems[K]>>;

// Stopped containers are always listed: the "show stopped" toggle filters in the window, so
// flipping it is instant and does not refetch 50 hosts.
const LISTERS: { [K in ResourceKind]: Lister<K> } = {
  containers: (api, hosts) => api.docker.containers({ all: true, hosts }),
  images: (api, hosts) => api.docker.images({ hosts }),
  volumes: (api, hosts) => api.docker.volumes({ hosts }),
  networks: (api, hosts) => api.docker.networks({ hosts }),
};

const KIND_OF_CHANGE = { container: 'containers', image: 'images', volume: 'volumes', network: 'networks' } as const;

/**
 * The live source of one kind, for some hosts (scope) or all. No vault prompt: this runs unasked,
 * on events too, and a locked vault shows up as per-host failures in the banner, which offers to
 * unlock.
 */
function dockerSource<K extends ResourceKind>(kind: K): LiveSource {
  const lister: Lister<K> = LISTERS[kind];
  return createLoader<CrossHostList<ResourceItems[K]>>({
    fetch: (api, scope) => lister(api, scope ? [...scope] : undefined),
    apply: (answer, scope, generation) =>
      applyListAnswer(
        kind,
        answer,
        scope,
        generation,
        useCrossdock.getState().hosts.map((host) => host.id),
      ),
    failed: (failure, scope) => {
      if (scope === null) setListLoading(kind, false, failure.message);
    },
    loading: (loading) => setListLoading(kind, loading),
  });
}

const SOURCES: Record<ResourceKind, LiveSource> = {
  containers: dockerSource('containers'),
  images: dockerSource('images'),
  volumes: dockerSource('volumes'),
  networks: dockerSource('networks'),
};

function refetchFresh(hostId: string, kinds: Iterable<ResourceKind>): void {
  const fresh = useDocker.getState().fresh;
  for (const kind of kinds) if (fresh[kind]) void SOURCES[kind].load([hostId]);
}

/** Refetches every kind already shown, for one host (after an action, a reconnect). */
export function refetchHost(hostId: string): void {
  refetchFresh(hostId, RESOURCE_KINDS);
}

function watchHosts(onConnected: (hostId: string) => void): () => void {
  let previous = new Map(useCrossdock.getState().hosts.map((host) => [host.id, host.status]));
  return useCrossdock.subscribe((state, before) => {
    if (state.hosts === before.hosts) return;
    const hosts: HostInfo[] = state.hosts;
    const ids = new Set(hosts.map((host) => host.id));
    pruneHosts(ids);
    for (const host of hosts) {
      if (host.status === 'connected' && previous.get(host.id) !== 'connected') onConnected(host.id);
    }
    previous = new Map(hosts.map((host) => [host.id, host.status]));
  });
}

/**
 * Follows `docker.changed` and refetches only the host that changed (coalesced per host,
 * 200 ms), never polling. A host that (re)connects is refetched, a removed host disappears.
 * Every (re)connection starts by marking every kind stale: each is listed again when shown.
 */
function followDocker(client: CrossdockClient): () => void {
  markAllStale();
  const scheduler = createRefetchScheduler(refetchFresh);
  const subscription = client.subscribe('docker.changed', (change) => {
    scheduler.schedule(change.hostId, KIND_OF_CHANGE[change.kind]);
    // An image's "Used by" counts containers: one made or removed changes it.
    if (change.kind === 'container' && (change.action === 'create' || change.action === 'destroy'))
      scheduler.schedule(change.hostId, 'images');
  });
  const stopWatching = watchHosts((hostId) => {
    for (const kind of RESOURCE_KINDS) scheduler.schedule(hostId, kind);
  });
  return () => {
    subscription.unsubscribe();
    stopWatching();
    scheduler.cancelAll();
  };
}

/** Keeps the Containers view's lists live: the shown tab is listed whenever it is not fresh. */
export function useDockerLive(): void {
  const tab = useDocker((state) => state.tab);
  const tabFresh = useDocker((state) => state.fresh[state.tab]);
  useLive(tabFresh ? null : SOURCES[tab], { follow: followDocker });
}
