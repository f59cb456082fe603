import type {
  ContainerSummary,
  CrossHostList,
  HostFailure,
  ImageSummary,
  NetworkSummary,
  VolumeSummary,
} from '../../../shared/index.js';
import { writeAnswer, type Entries, type Stamped } from '../state/live-rule.js';

export type ResourceKind = 'containers' | 'images' | 'volumes' | 'networks';

export interface ResourceItems {
  containers: ContainerSummary;
  images: ImageSummary;
  volumes: VolumeSummary;
  networks: NetworkSummary;
}

/** What one host last answered for one kind of list. */
export interface HostAnswer<T> {
  items: T[];
  failure: HostFailure | null;
}

/** Each host's last answer, with the generation of the load that wrote it (see live-rule.ts). */
export type HostSlice<T> = Stamped<HostAnswer<T>>;

export type HostSlices<T> = Entries<HostAnswer<T>>;

/**
 * Merges an answer into the per-host slices. `asked` are the hosts the request named (null: all
 * of them, in which case `knownHosts` says which hosts exist); each host it covers gets an entry,
 * an empty one when it has nothing. The rule in live-rule.ts decides which hosts take it, so a
 * slow full listing cannot undo a quick per-host refetch that followed a `docker.changed` event.
 */
export function applyAnswer<T extends { hostId: string }>(
  slices: HostSlices<T>,
  answer: CrossHostList<T>,
  asked: readonly string[] | null,
  generation: number,
  knownHosts: readonly string[],
): HostSlices<T> {
  const byHost = new Map<string, HostAnswer<T>>();
  const slice = (hostId: string): HostAnswer<T> => {
    let entry = byHost.get(hostId);
    if (!entry) byHost.set(hostId, (entry = { items: [], failure: null }));
    return entry;
  };
  for (const hostId of asked ?? knownHosts) slice(hostId);
  for (const item of answer.items) slice(item.hostId).items.push(item);
  for (const failure of answer.failures) slice(failure.hostId).failure = failure;
  // Partial even when every host was asked: hosts that left are pruned against the inventory.
  return writeAnswer(slices, { values: byHost, complete: false, generation });
}

/** Forgets hosts that left the inventory. */
export function keepHosts<T>(slices: HostSlices<T>, hostIds: ReadonlySet<string>): HostSlices<T> {
  const stale = Object.keys(slices).filter((id) => !hostIds.has(id));
  if (stale.length === 0) return slices;
  const next = { ...slices };
  for (const id of stale) delete next[id];
  return next;
}

/** Every host's items in one array (the list machinery sorts them anyway). */
export function allItems<T>(slices: HostSlices<T>): T[] {
  const out: T[] = [];
  for (const slice of Object.values(slices)) for (const item of slice.value.items) out.push(item);
  return out;
}

export function allFailures<T>(slices: HostSlices<T>): HostFailure[] {
  return Object.values(slices)
    .flatMap((slice) => (slice.value.failure ? [slice.value.failure] : []))
    .sort((a, b) => a.hostName.localeCompare(b.hostName));
}
