import type { ContainerSummary, CrossHostList, HostFailure, ImageSummary, NetworkSummary, VolumeSummary } from '../../../shared/index.js';

export type ResourceKind = 'containers' | 'images' | 'volumes' | 'networks';

export interface ResourceItems {
  containers: ContainerSummary;
  images: ImageSummary;
  volumes: VolumeSummary;
  networks: NetworkSummary;
}

/** What one host last answered for one kind of list, and which request that answer belonged to. */
export interface HostSlice<T> {
  items: T[];
  failure: HostFailure | null;
  /** The sequence number of the request whose answer this is; older answers never overwrite it. */
  seq: number;
}

export type HostSlices<T> = Readonly<Record<string, HostSlice<T>>>;

/**
 * Merges an answer into the per-host slices. `asked` are the hosts the request named (null: all
 * of them, in which case `knownHosts` says which hosts exist). Each host takes the answer only if
 * no later request has answered for it already, so a slow full listing cannot undo a quick
 * per-host refetch that followed a `docker.changed` event.
 */
export function applyAnswer<T extends { hostId: string }>(
  slices: HostSlices<T>,
  answer: CrossHostList<T>,
  asked: readonly string[] | null,
  seq: number,
  knownHosts: readonly string[],
): HostSlices<T> {
  const byHost = new Map<string, T[]>();
  for (const item of answer.items) {
    const list = byHost.get(item.hostId);
    if (list) list.push(item);
    else byHost.set(item.hostId, [item]);
  }
  const failures = new Map(answer.failures.map((failure) => [failure.hostId, failure]));
  const covered = new Set(asked ?? knownHosts);
  for (const id of byHost.keys()) covered.add(id);
  for (const id of failures.keys()) covered.add(id);

  const next: Record<string, HostSlice<T>> = { ...slices };
  let changed = false;
  for (const hostId of covered) {
    const current = slices[hostId];
    if (current && current.seq > seq) continue;
    next[hostId] = { items: byHost.get(hostId) ?? [], failure: failures.get(hostId) ?? null, seq };
    changed = true;
  }
  return changed ? next : slices;
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
  for (const slice of Object.values(slices)) for (const item of slice.items) out.push(item);
  return out;
}

export function allFailures<T>(slices: HostSlices<T>): HostFailure[] {
  return Object.values(slices)
    .flatMap((slice) => (slice.failure ? [slice.failure] : []))
    .sort((a, b) => a.hostName.localeCompare(b.hostName));
}
