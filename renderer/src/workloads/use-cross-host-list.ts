import { useMemo } from 'react';
import type { ClientApi, CrossdockApi, CrossHostList, HostFailure } from '../../../shared/index.js';
import type { CrossdockClient } from '../api/connect.js';
import { createRefetchScheduler } from '../containers/refetch-scheduler.js';
import type { CoreFailure } from '../state/core-call.js';
import type { LiveSource, Scope } from '../state/live-loader.js';
import { useCrossdock } from '../state/store.js';
import { useViewLive } from '../state/use-live.js';

export type CrossHostLister<T> = (
  api: ClientApi<CrossdockApi>,
  hosts: string[] | undefined,
) => Promise<CrossHostList<T>>;

export interface HostListState<T> {
  items: T[];
  failures: HostFailure[];
}

export interface CrossHostListView<T> {
  /** Null until the first listing answers. */
  list: HostListState<T> | null;
  /** Why the last full listing failed (the list keeps what it showed before). */
  error: CoreFailure | null;
  /** Lists every host again now (after an action). */
  reload: () => Promise<void>;
}

interface HostAnswer<T> {
  items: T[];
  failure: HostFailure | null;
}

/** Hosts and their connection status: a host added, removed, connected or lost changes it. */
const hostsKey = (hosts: readonly { id: string; status: string }[]): string =>
  hosts.map((host) => `${host.id}:${host.status}`).join(',');

/** An answer as one entry per host it covers: every host asked, or every known host for a full listing. */
function byHost<T extends { hostId: string }>(
  answer: CrossHostList<T>,
  scope: Scope,
): ReadonlyMap<string, HostAnswer<T>> {
  const entries = new Map<string, HostAnswer<T>>();
  const entry = (hostId: string): HostAnswer<T> => {
    let found = entries.get(hostId);
    if (!found) entries.set(hostId, (found = { items: [], failure: null }));
    return found;
  };
  for (const hostId of scope ?? []) entry(hostId);
  for (const item of answer.items) entry(item.hostId).items.push(item);
  for (const failure of answer.failures) entry(failure.hostId).failure = failure;
  return entries;
}

function followContainerChanges(client: CrossdockClient, source: () => LiveSource | null): () => void {
  const scheduler = createRefetchScheduler((hostId) => void source()?.load([hostId]), 300);
  const subscription = client.subscribe('docker.changed', (change) => {
    if (change.kind === 'container') scheduler.schedule(change.hostId, 'containers');
  });
  return () => {
    subscription.unsubscribe();
    scheduler.cancelAll();
  };
}

/**
 * A list across hosts (compose projects, the port map) kept live while its view is shown, by the
 * one mechanism (useLive): listed on every (re)connection and when `refreshKey` or the hosts
 * change, and for one host again when its Docker engine reports a container change (coalesced,
 * 300 ms). Never polls. No vault prompt: this runs unasked; a locked vault shows up as per-host
 * failures. `lister` is read once: it must not depend on render state.
 */
export function useCrossHostList<T extends { hostId: string }>(
  lister: CrossHostLister<T>,
  refreshKey: string,
): CrossHostListView<T> {
  const hosts = useCrossdock((state) => hostsKey(state.hosts));
  const hostIds = useCrossdock((state) => state.hostEntries);
  const { state, store } = useViewLive<CrossHostList<T>, HostAnswer<T>>(
    'cross-host',
    () => ({ fetch: (api, scope) => lister(api, scope ? [...scope] : undefined), entries: byHost }),
    { refreshKey: `${refreshKey}|${hosts}`, follow: followContainerChanges },
  );
  const list = useMemo(() => {
    if (!state.entries) return null;
    // Hosts that left the inventory are dropped; the rule never removes what a partial answer skips.
    const known = Object.entries(state.entries).filter(([hostId]) => hostId in hostIds);
    return {
      items: known.flatMap(([, entry]) => entry.value.items),
      failures: known.flatMap(([, entry]) => (entry.value.failure ? [entry.value.failure] : [])),
    };
  }, [state.entries, hostIds]);
  return { list, error: state.failure, reload: () => store?.load() ?? Promise.resolve() };
}
