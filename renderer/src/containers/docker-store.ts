import { create } from 'zustand';
import type { ContainerAction, ContainerSummary, CrossHostList } from '../../../shared/index.js';
import { applyAnswer, keepHosts, type HostSlices, type ResourceItems, type ResourceKind } from './docker-lists.js';
import { keepUnchanged } from './keep-unchanged.js';
import { nextSort, type SortState } from './list-model.js';

export const RESOURCE_KINDS: readonly ResourceKind[] = ['containers', 'images', 'volumes', 'networks'];

/** How one tab's list is filtered, sorted and grouped; kept while switching tabs. */
export interface ListView {
  query: string;
  sort: SortState;
  groupByHost: boolean;
  collapsed: ReadonlySet<string>;
}

export interface ContainerRef {
  hostId: string;
  id: string;
}

type Lists = { [K in ResourceKind]: HostSlices<ResourceItems[K]> };
type PerKind<V> = Record<ResourceKind, V>;

/**
 * Docker state of every host, for the Containers view. Separate from the main store because it
 * can hold 10,000 rows and changes in bursts; nothing outside this view needs to re-render then.
 */
export interface DockerState {
  lists: Lists;
  /** Listed since the view began following `docker.changed`; only fresh kinds are refetched on events. */
  fresh: PerKind<boolean>;
  loading: PerKind<boolean>;
  /** A listing that failed as a whole (rather than for some hosts). */
  errors: PerKind<string | null>;
  /** Actions in flight, by `hostId/containerId`. */
  pending: Readonly<Record<string, ContainerAction>>;
  tab: ResourceKind;
  views: PerKind<ListView>;
  showStopped: boolean;
  selected: ContainerRef | null;
  /** The container whose removal waits for confirmation. */
  removing: ContainerSummary | null;
}

const perKind = <V>(make: (kind: ResourceKind) => V): PerKind<V> =>
  Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, make(kind)])) as PerKind<V>;

export const useDocker = create<DockerState>()(() => ({
  lists: { containers: {}, images: {}, volumes: {}, networks: {} },
  fresh: perKind(() => false),
  loading: perKind(() => false),
  errors: perKind(() => null),
  pending: {},
  tab: 'containers',
  views: perKind(() => ({
    query: '',
    sort: { column: 'name', direction: 'asc' },
    groupByHost: true,
    collapsed: new Set<string>(),
  })),
  showStopped: true,
  selected: null,
  removing: null,
}));

const set = useDocker.setState;
const get = useDocker.getState;

export const containerKey = (ref: ContainerRef): string => `${ref.hostId}/${ref.id}`;

/** What identifies an item within its host, to keep the objects a refetch did not change. */
const ITEM_KEYS: { [K in ResourceKind]: (item: ResourceItems[K]) => string } = {
  containers: (c) => c.id,
  images: (i) => i.id,
  volumes: (v) => v.name,
  networks: (n) => n.id,
};

function merge<K extends ResourceKind>(
  lists: Lists,
  kind: K,
  answer: CrossHostList<ResourceItems[K]>,
  asked: readonly string[] | null,
  generation: number,
  knownHosts: readonly string[],
): Lists {
  const current = lists[kind] as HostSlices<ResourceItems[K]>;
  const next = keepUnchanged(current, applyAnswer(current, answer, asked, generation, knownHosts), ITEM_KEYS[kind]);
  return next === current ? lists : { ...lists, [kind]: next };
}

interface QueuedAnswer {
  kind: ResourceKind;
  /** A listing of every host, after which the kind is fresh. */
  full: boolean;
  apply(lists: Lists): Lists;
}

const queued: QueuedAnswer[] = [];
let flushFrame: number | null = null;
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** Applies every queued answer in one store update, so the list renders once for all of them. */
function flushAnswers(): void {
  if (flushFrame !== null) cancelAnimationFrame(flushFrame);
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushFrame = flushTimer = null;
  if (queued.length === 0) return;
  const state = get();
  let { lists, fresh, errors } = state;
  for (const answer of queued.splice(0)) {
    const next = answer.apply(lists);
    const nowFresh = answer.full && !fresh[answer.kind];
    if (next === lists && !nowFresh) continue;
    lists = next;
    if (nowFresh) fresh = { ...fresh, [answer.kind]: true };
    if (errors[answer.kind] !== null) errors = { ...errors, [answer.kind]: null };
  }
  if (lists !== state.lists || fresh !== state.fresh || errors !== state.errors) set({ lists, fresh, errors });
}

/**
 * Takes a listing's answer. Per-host answers (the refetches after `docker.changed`, up to about
 * a hundred a second with 100 events a second) are applied together once per animation frame,
 * so the list is rebuilt and rendered at most once a frame; a 100 ms timer stands in for frames
 * in a hidden window, which gets none. A full listing is applied at once, with what is queued
 * before it: the view's loading state ends with it.
 */
export function applyListAnswer<K extends ResourceKind>(
  kind: K,
  answer: CrossHostList<ResourceItems[K]>,
  asked: readonly string[] | null,
  generation: number,
  knownHosts: readonly string[],
): void {
  queued.push({
    kind,
    full: asked === null,
    apply: (lists) => merge(lists, kind, answer, asked, generation, knownHosts),
  });
  if (asked === null || typeof requestAnimationFrame !== 'function') return flushAnswers();
  flushFrame ??= requestAnimationFrame(flushAnswers);
  flushTimer ??= setTimeout(flushAnswers, 100);
}

export function setListLoading(kind: ResourceKind, loading: boolean, error?: string | null): void {
  set({
    loading: { ...get().loading, [kind]: loading },
    ...(error !== undefined ? { errors: { ...get().errors, [kind]: error } } : {}),
  });
}

/** The view stopped following events (or reconnected): every list must be fetched again. */
export function markAllStale(): void {
  set({ fresh: perKind(() => false) });
}

export function pruneHosts(hostIds: ReadonlySet<string>): void {
  flushAnswers(); // so an answer queued before the removal cannot bring the host back
  const lists = get().lists;
  const next: Lists = {
    containers: keepHosts(lists.containers, hostIds),
    images: keepHosts(lists.images, hostIds),
    volumes: keepHosts(lists.volumes, hostIds),
    networks: keepHosts(lists.networks, hostIds),
  };
  if (RESOURCE_KINDS.some((kind) => next[kind] !== lists[kind])) set({ lists: next });
  const selected = get().selected;
  if (selected && !hostIds.has(selected.hostId)) set({ selected: null });
}

export function setPending(key: string, action: ContainerAction | null): void {
  const pending = { ...get().pending };
  if (action) pending[key] = action;
  else delete pending[key];
  set({ pending });
}

export function showTab(tab: ResourceKind): void {
  set({ tab });
}

function updateView(kind: ResourceKind, change: (view: ListView) => Partial<ListView>): void {
  const views = get().views;
  set({ views: { ...views, [kind]: { ...views[kind], ...change(views[kind]) } } });
}

export const setQuery = (kind: ResourceKind, query: string): void => updateView(kind, () => ({ query }));
export const sortBy = (kind: ResourceKind, column: string): void =>
  updateView(kind, (view) => ({ sort: nextSort(view.sort, column) }));
export const toggleGrouping = (kind: ResourceKind): void =>
  updateView(kind, (view) => ({ groupByHost: !view.groupByHost }));

export function toggleCollapsed(kind: ResourceKind, hostId: string): void {
  updateView(kind, (view) => {
    const collapsed = new Set(view.collapsed);
    if (!collapsed.delete(hostId)) collapsed.add(hostId);
    return { collapsed };
  });
}

export function setShowStopped(showStopped: boolean): void {
  set({ showStopped });
}

export function selectContainer(ref: ContainerRef | null): void {
  const current = get().selected;
  if (current && ref && current.hostId === ref.hostId && current.id === ref.id) return;
  set({ selected: ref });
}

export function askToRemove(container: ContainerSummary | null): void {
  set({ removing: container });
}
