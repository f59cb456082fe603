import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientApi, CrossdockApi, CrossHostList } from '../../../shared/index.js';
import { createRefetchScheduler } from '../containers/refetch-scheduler.js';
import { createCoalescedLoader } from '../machines/coalesced-loader.js';
import { attempt, type CoreFailure } from '../state/core-call.js';
import { currentClient } from '../state/session.js';
import { useCrossdock } from '../state/store.js';
import { mergeHostList, type HostListState } from './host-list-merge.js';

export type CrossHostLister<T> = (api: ClientApi<CrossdockApi>, hosts: string[] | undefined) => Promise<CrossHostList<T>>;

export interface CrossHostListView<T> {
  /** Null until the first listing answers. */
  list: HostListState<T> | null;
  /** Why the last full listing failed (the list keeps what it showed before). */
  error: CoreFailure | null;
  /** Lists every host again now (after an action). */
  reload: () => Promise<void>;
}

/** Hosts and their connection status: a host added, removed, connected or lost changes it. */
const hostsKey = (hosts: readonly { id: string; status: string }[]): string => hosts.map((host) => `${host.id}:${host.status}`).join(',');

/**
 * A list across hosts (compose projects, the port map) kept current while its view is shown:
 * listed on every (re)connection and when `refreshKey` or the hosts change, and for one host
 * again when its Docker engine reports a container change (coalesced, 300 ms). Never polls. No
 * vault prompt: this runs unasked; a locked vault shows up as per-host failures.
 */
export function useCrossHostList<T extends { hostId: string }>(lister: CrossHostLister<T>, refreshKey: string): CrossHostListView<T> {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const hosts = useCrossdock((state) => hostsKey(state.hosts));
  const [list, setList] = useState<HostListState<T> | null>(null);
  const [error, setError] = useState<CoreFailure | null>(null);
  const listerRef = useRef(lister);
  listerRef.current = lister;
  const fullSeq = useRef(0);
  const nextSeq = useRef(1);

  const load = useCallback(async (asked: string[] | null): Promise<void> => {
    const seq = nextSeq.current++;
    const outcome = await attempt((api) => listerRef.current(api, asked ?? undefined), { vault: false });
    if (asked === null) {
      // A full answer older than one already shown would bring back stale rows.
      if (seq < fullSeq.current) return;
      fullSeq.current = seq;
      setError(outcome.ok ? null : outcome.failure);
    }
    if (!outcome.ok) return;
    const known = new Set(useCrossdock.getState().hosts.map((host) => host.id));
    setList((current) => mergeHostList(current, outcome.value, asked, known));
  }, []);

  const reloadAll = useMemo(() => createCoalescedLoader(() => load(null)), [load]);

  useEffect(() => {
    if (session !== null) void reloadAll();
  }, [session, hosts, refreshKey, reloadAll]);

  useEffect(() => {
    const client = session === null ? null : currentClient();
    if (!client) return;
    const scheduler = createRefetchScheduler((hostId) => void load([hostId]), 300);
    const subscription = client.subscribe('docker.changed', (change) => {
      if (change.kind === 'container') scheduler.schedule(change.hostId, 'containers');
    });
    return () => {
      subscription.unsubscribe();
      scheduler.cancelAll();
    };
  }, [session, load]);

  return { list, error, reload: reloadAll };
}
