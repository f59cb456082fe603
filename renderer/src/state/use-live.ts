import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { CrossdockClient } from '../api/connect.js';
import type { CoreFailure, CoreRun } from './core-call.js';
import type { LiveSource } from './live-loader.js';
import { createLiveStore, type LiveState, type LiveStore, type LiveStoreSpec } from './live-store.js';
import { currentClient } from './session.js';
import { useCrossdock } from './store.js';

export interface LiveOptions {
  /** Loads everything again whenever this changes (besides on every (re)connection). */
  refreshKey?: string;
  /** Asks for the vault passphrase when locked: only for data the user asked to see. */
  vault?: boolean;
  /**
   * Follows the core's events while the view is shown, from each (re)connection; returns what
   * stops following. `source` gives the source being kept live at the time of each event.
   */
  follow?: (client: CrossdockClient, source: () => LiveSource | null) => () => void;
  /** Follows again when this changes (what `follow` filters events by, e.g. a migration's id). */
  followKey?: string;
}

/** The session number while connected, null otherwise: every (re)connection loads again. */
export const useSession = (): number | null =>
  useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));

/**
 * THE hook that keeps live data current while a view is shown: `source` is loaded on every
 * (re)connection and whenever `refreshKey` changes, and `follow` subscribes to the events that
 * change it (subscribed before loading: the core handles frames in order, so no change falls in
 * between). Stale answers are dropped by the one rule in live-rule.ts. A null source loads
 * nothing (yet).
 */
export function useLive(source: LiveSource | null, options: LiveOptions = {}): void {
  const session = useSession();
  const follow = useRef(options.follow);
  follow.current = options.follow;
  const current = useRef(source);
  current.current = source;
  const { refreshKey = '', vault = false, followKey = '' } = options;

  useEffect(() => {
    const client = session === null ? null : currentClient();
    if (!client || !follow.current) return;
    return follow.current(client, () => current.current);
  }, [session, followKey]);

  useEffect(() => {
    if (session !== null && source) void source.load(null, { vault });
  }, [session, source, refreshKey, vault]);
}

const noState: LiveState<never> = { entries: null, loading: false, failure: null };
const noSubscription = (): (() => void) => () => undefined;

/** Reads a live store, re-rendering when it changes. */
export function useLiveState<V>(store: LiveStore<V> | null): LiveState<V> {
  return useSyncExternalStore(store ? store.subscribe : noSubscription, store ? store.get : () => noState);
}

/**
 * A live store that belongs to the calling view, made again whenever `key` changes (answers
 * for an older key are dropped with its store); null makes none. `spec` is read when the store
 * is made: `key` must say everything it depends on.
 */
export function useViewLive<A, V>(
  key: string | null,
  spec: () => LiveStoreSpec<A, V>,
  options: LiveOptions = {},
): { state: LiveState<V>; store: LiveStore<V> | null } {
  // `key` says everything `spec` depends on; `spec` itself is rebuilt on every render.
  const store = useMemo(() => (key === null ? null : createLiveStore(spec())), [key]);
  useLive(store, options);
  return { state: useLiveState(store), store };
}

/** Something the view asked the core for: on its way, there, or refused. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; failure: CoreFailure };

const ONE = '';

/** One value kept live (a plan, a record, a provider's regions): {@link useViewLive} with a single entry. */
export function useLiveValue<T>(
  key: string | null,
  fetch: (api: Parameters<CoreRun<T>>[0]) => Promise<T>,
  options: LiveOptions = {},
): Loaded<T> | null {
  const { state } = useViewLive<T, T>(
    key,
    () => ({ fetch: (api) => fetch(api), entries: (value) => new Map([[ONE, value]]) }),
    options,
  );
  if (key === null) return null;
  const entry = state.entries?.[ONE];
  if (entry) return { status: 'ready', value: entry.value };
  if (state.failure) return { status: 'failed', failure: state.failure };
  return { status: 'loading' };
}
