/**
 * The one rule for keeping live data current, used by every list and value the window shows.
 *
 * Data is held as entries by id (a job, a host, one host's slice of a cross-host list; a single
 * value is one entry). Every load and every event takes a number from ONE counter, its
 * generation, at the moment it starts (a load: when its request is sent; an event or an action's
 * reply: when it arrives). Each entry remembers the generation that last wrote it. Then:
 *
 *   An answer or event writes an entry only if the entry was last written by a lower
 *   generation. A full answer also removes the entries it does not mention, but only those
 *   last written by a lower generation.
 *
 * So a slow answer never undoes anything that started after it: a quicker per-host refetch that
 * followed an event, an event that arrived while the list was in flight (the job that started
 * after the server took its snapshot stays, in its newer state), or an action's reply. Answers to
 * a source that is gone (the view closed, its key changed) are dropped with the source.
 *
 * What the rule cannot see: an entry removed by an event while an older full answer that still
 * holds it is in flight comes back until the next load. Removals are rare and every removal in
 * the contract is followed by a reload or pruned against the host inventory.
 */

let latest = 0;

/** The next generation: strictly greater than every one handed out before. */
export function nextGeneration(): number {
  latest += 1;
  return latest;
}

export interface Stamped<V> {
  readonly value: V;
  /** The generation of the load or event that wrote this value. */
  readonly generation: number;
}

export type Entries<V> = Readonly<Record<string, Stamped<V>>>;

/** Combines what an entry holds with what arrives; by default the arriving value wins. */
export type Merge<V> = (current: V | undefined, incoming: V) => V;

const takeIncoming = <V>(_current: V | undefined, incoming: V): V => incoming;

/** Whether something of `generation` may write an entry last written as `entry`. */
export function mayWrite(entry: Stamped<unknown> | undefined, generation: number): boolean {
  return entry === undefined || entry.generation < generation;
}

export interface Answer<V> {
  /** What the core answered, by entry id. */
  values: ReadonlyMap<string, V>;
  /** True when the answer lists everything (entries it leaves out are gone); false for a partial one. */
  complete: boolean;
  generation: number;
}

/** Folds a load's answer into the entries by the rule above; unchanged entries keep their identity. */
export function writeAnswer<V>(entries: Entries<V>, answer: Answer<V>, merge: Merge<V> = takeIncoming): Entries<V> {
  const next: Record<string, Stamped<V>> = { ...entries };
  let changed = false;
  for (const [id, value] of answer.values) {
    const current = entries[id];
    if (!mayWrite(current, answer.generation)) continue;
    next[id] = { value: merge(current?.value, value), generation: answer.generation };
    changed = true;
  }
  if (answer.complete) {
    for (const [id, entry] of Object.entries(entries)) {
      if (answer.values.has(id) || !mayWrite(entry, answer.generation)) continue;
      delete next[id];
      changed = true;
    }
  }
  return changed ? next : entries;
}

/** Writes one entry from an event or an action's reply (null: it is gone), with a fresh generation. */
export function writeEvent<V>(
  entries: Entries<V>,
  id: string,
  value: V | null,
  merge: Merge<V> = takeIncoming,
): Entries<V> {
  const current = entries[id];
  if (value === null) {
    if (!current) return entries;
    const next = { ...entries };
    delete next[id];
    return next;
  }
  const merged = merge(current?.value, value);
  return { ...entries, [id]: { value: merged, generation: nextGeneration() } };
}

/** A list answer's values by their `id`. */
export const byId = <V extends { id: string }>(list: readonly V[]): ReadonlyMap<string, V> =>
  new Map(list.map((item) => [item.id, item]));

/** The entries' values, in no particular order. */
export function valuesOf<V>(entries: Entries<V> | null): V[] {
  return entries ? Object.values(entries).map((entry) => entry.value) : [];
}
