import type { CrossHostList, HostFailure } from '../../../shared/index.js';

export interface HostListState<T> {
  items: T[];
  failures: HostFailure[];
}

/**
 * Folds a cross-host answer into what is shown: a full listing (`asked` null) replaces
 * everything; a listing of some hosts replaces only those hosts' items and failures, so one
 * host's change does not refetch fifty. Hosts no longer in the inventory are dropped.
 */
export function mergeHostList<T extends { hostId: string }>(current: HostListState<T> | null, answer: CrossHostList<T>, asked: readonly string[] | null, knownHosts: ReadonlySet<string>): HostListState<T> {
  const known = <U extends { hostId: string }>(list: readonly U[]): U[] => list.filter((entry) => knownHosts.has(entry.hostId));
  if (asked === null || current === null) return { items: known(answer.items), failures: known(answer.failures) };
  const replaced = new Set(asked);
  return {
    items: known([...current.items.filter((item) => !replaced.has(item.hostId)), ...answer.items]),
    failures: known([...current.failures.filter((failure) => !replaced.has(failure.hostId)), ...answer.failures]),
  };
}
