import { compareKeys, naturalKey } from './natural-key.js';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  column: string;
  direction: SortDirection;
}

/** How the list machinery reads one kind of item (containers, images, volumes, networks). */
export interface ListSpec<T> {
  /** Unique across hosts: the host id plus the item's own id or name. */
  key(item: T): string;
  hostId(item: T): string;
  hostName(item: T): string;
  /** Lower-case text the filter looks in. */
  searchText(item: T): string;
  /** The value a column sorts by: numbers numerically, strings naturally. */
  sortValue(item: T, column: string): string | number;
}

export interface ListOptions<T> {
  /** Whitespace-separated terms; an item must contain every one of them. */
  query: string;
  sort: SortState;
  groupByHost: boolean;
  /** Host ids whose group is collapsed (only with `groupByHost`). */
  collapsed: ReadonlySet<string>;
  /** Drops items before the filter, e.g. stopped containers while they are hidden. */
  include?: ((item: T) => boolean) | undefined;
}

export type ListRow<T> =
  | { kind: 'group'; key: string; hostId: string; hostName: string; count: number; collapsed: boolean }
  | { kind: 'item'; key: string; item: T };

export interface BuiltList<T> {
  rows: ListRow<T>[];
  /** Items that passed `include` and the filter (collapsed ones included). */
  matched: number;
  /** Items that passed `include`. */
  total: number;
}

interface Decorated<T> {
  item: T;
  value: string | number;
  host: string;
  key: string;
}

/** Search text is computed once per item object; a refetch brings new objects, so it never goes stale. */
export function cachedText<T extends object>(compute: (item: T) => string): (item: T) => string {
  const cache = new WeakMap<T, string>();
  return (item) => {
    let text = cache.get(item);
    if (text === undefined) {
      text = compute(item).toLowerCase();
      cache.set(item, text);
    }
    return text;
  };
}

/**
 * Filters, sorts and groups items into the rows a virtualised list shows. Pure and allocation-
 * light, so it can run on every keystroke over 10,000 items: sort keys are computed once per
 * item and compared with `<` (see naturalKey), ties break by host and key for a stable order.
 */
export function buildList<T>(items: readonly T[], spec: ListSpec<T>, options: ListOptions<T>): BuiltList<T> {
  const terms = options.query.toLowerCase().split(/\s+/).filter(Boolean);
  const direction = options.sort.direction === 'asc' ? 1 : -1;
  let total = 0;
  const kept: Decorated<T>[] = [];
  for (const item of items) {
    if (options.include && !options.include(item)) continue;
    total += 1;
    if (terms.length > 0) {
      const text = spec.searchText(item);
      if (!terms.every((term) => text.includes(term))) continue;
    }
    const raw = spec.sortValue(item, options.sort.column);
    kept.push({ item, value: typeof raw === 'string' ? naturalKey(raw) : raw, host: naturalKey(spec.hostName(item)), key: spec.key(item) });
  }
  kept.sort((a, b) => compareKeys(a.value, b.value) * direction || compareKeys(a.host, b.host) || compareKeys(a.key, b.key));

  if (!options.groupByHost) {
    return { rows: kept.map((d) => ({ kind: 'item', key: d.key, item: d.item })), matched: kept.length, total };
  }

  const groups = new Map<string, { hostName: string; sortName: string; members: Decorated<T>[] }>();
  for (const d of kept) {
    const id = spec.hostId(d.item);
    let group = groups.get(id);
    if (!group) {
      group = { hostName: spec.hostName(d.item), sortName: d.host, members: [] };
      groups.set(id, group);
    }
    group.members.push(d);
  }
  // Groups go by host name; sorting by the host column reverses them too.
  const hostDirection = options.sort.column === 'host' ? direction : 1;
  const ordered = [...groups.entries()].sort(([idA, a], [idB, b]) => (compareKeys(a.sortName, b.sortName) || compareKeys(idA, idB)) * hostDirection);
  const rows: ListRow<T>[] = [];
  for (const [hostId, group] of ordered) {
    const collapsed = options.collapsed.has(hostId);
    rows.push({ kind: 'group', key: `group:${hostId}`, hostId, hostName: group.hostName, count: group.members.length, collapsed });
    if (!collapsed) for (const d of group.members) rows.push({ kind: 'item', key: d.key, item: d.item });
  }
  return { rows, matched: kept.length, total };
}

/** The next sort after a click on a column header: the same column flips, another starts ascending. */
export function nextSort(current: SortState, column: string): SortState {
  return current.column === column ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' };
}
