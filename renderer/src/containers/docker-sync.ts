import { useEffect } from 'react';
import type { ClientApi, CrossdockApi, CrossHostList, HostInfo } from '../../../shared/index.js';
import { attempt } from '../state/core-call.js';
import { currentClient } from '../state/session.js';
import { useCrossdock } from '../state/store.js';
import type { ResourceItems, ResourceKind } from './docker-lists.js';
import { applyListAnswer, markAllStale, pruneHosts, setListLoading, useDocker, RESOURCE_KINDS } from './docker-store.js';
import { createRefetchScheduler } from './refetch-scheduler.js';

type Lister<K extends ResourceKind> = (api: ClientApi<CrossdockApi>, hosts: string[] | undefined) => Promise<CrossHostList<ResourceItems[K]>>;

// Stopped containers are always listed: the "show stopped" toggle filters in the window, so
// flipping it is instant and does not refetch 50 hosts.
const LISTERS: { [K in ResourceKind]: Lister<K> } = {
  containers: (api, hosts) => api.docker.containers({ all: true, hosts }),
  images: (api, hosts) => api.docker.images({ hosts }),
  volumes: (api, hosts) => api.docker.volumes({ hosts }),
  networks: (api, hosts) => api.docker.networks({ hosts }),
};

const KIND_OF_CHANGE = { container: 'containers', image: 'images', volume: 'volumes', network: 'networks' } as const;

let nextSeq = 1;

/**
 * Lists one kind for some hosts (null: all). No vault prompt: this runs unasked, on events too,
 * and a locked vault shows up as per-host failures in the banner, which offers to unlock.
 */
export async function fetchList<K extends ResourceKind>(kind: K, hosts: string[] | null): Promise<void> {
  // One full listing at a time per kind; per-host refetches may overlap it (see applyAnswer).
  if (hosts === null && useDocker.getState().loading[kind]) return;
  const seq = nextSeq++;
  if (hosts === null) setListLoading(kind, true);
  const lister = LISTERS[kind] as Lister<K>;
  const outcome = await attempt((api) => lister(api, hosts ?? undefined), { vault: false });
  if (hosts === null) setListLoading(kind, false, outcome.ok ? null : outcome.failure.message);
  if (!outcome.ok) return;
  const known = useCrossdock.getState().hosts.map((host) => host.id);
  applyListAnswer(kind, outcome.value, hosts, seq, known);
}

/** Refetches every kind already shown, for one host (after an action, a reconnect). */
export function refetchHost(hostId: string): void {
  const fresh = useDocker.getState().fresh;
  for (const kind of RESOURCE_KINDS) if (fresh[kind]) void fetchList(kind, [hostId]);
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
 * While the Containers view is open, follows `docker.changed` and refetches only the host that
 * changed (coalesced per host, 200 ms), never polling. A host that (re)connects is refetched, a
 * removed host disappears, and after a reconnect to the core everything is listed again.
 */
export function useDockerLive(): void {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const tab = useDocker((state) => state.tab);
  const tabFresh = useDocker((state) => state.fresh[state.tab]);

  useEffect(() => {
    const client = session === null ? null : currentClient();
    if (!client) return;
    markAllStale();
    const scheduler = createRefetchScheduler((hostId, kinds) => {
      const fresh = useDocker.getState().fresh;
      for (const kind of kinds) if (fresh[kind]) void fetchList(kind, [hostId]);
    });
    // Subscribe before listing: frames are handled in order, so no change falls in between.
    const subscription = client.subscribe('docker.changed', (change) => scheduler.schedule(change.hostId, KIND_OF_CHANGE[change.kind]));
    const stopWatching = watchHosts((hostId) => {
      for (const kind of RESOURCE_KINDS) scheduler.schedule(hostId, kind);
    });
    return () => {
      subscription.unsubscribe();
      stopWatching();
      scheduler.cancelAll();
    };
  }, [session]);

  useEffect(() => {
    if (session !== null && !tabFresh) void fetchList(tab, null);
  }, [session, tab, tabFresh]);
}
