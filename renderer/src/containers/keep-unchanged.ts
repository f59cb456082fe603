import type { HostSlices } from './docker-lists.js';

/** Deep equality of values that came through JSON: plain objects, arrays and primitives. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // Plain loops: this runs on every item of every refetch.
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys)
    if (!Object.hasOwn(b, key) || !sameJson(Reflect.get(a, key), Reflect.get(b, key))) return false;
  return true;
}

/**
 * After an answer: every host slice that changed gets back the previous object of each item that
 * is equal to it (by `key`), and the previous array when nothing in it changed. A refetch after
 * one container's event brings back a whole host's items as new objects; kept this way, only the
 * changed container is a new object, so the list re-sorts and re-renders what changed and the
 * rest keeps its cached text, sort key and row.
 */
export function keepUnchanged<T>(before: HostSlices<T>, after: HostSlices<T>, key: (item: T) => string): HostSlices<T> {
  if (after === before) return after;
  let next: Record<string, HostSlices<T>[string]> | null = null;
  for (const [hostId, slice] of Object.entries(after)) {
    const previous = before[hostId]?.value;
    const answer = slice.value;
    if (!previous || before[hostId] === slice || previous.items === answer.items || previous.items.length === 0)
      continue;
    // Docker lists a host's containers in the same order each time: look at the same place
    // first, and index the previous items by key only once the orders differ.
    let byKey: Map<string, T> | null = null;
    let same = previous.items.length === answer.items.length;
    const items = answer.items.map((item, i) => {
      const id = key(item);
      const there = previous.items[i];
      const old =
        there !== undefined && key(there) === id
          ? there
          : (byKey ??= new Map(previous.items.map((p) => [key(p), p]))).get(id);
      const kept = old !== undefined && sameJson(old, item) ? old : item;
      if (kept !== there) same = false;
      return kept;
    });
    next ??= { ...after };
    next[hostId] = { ...slice, value: { ...answer, items: same ? previous.items : items } };
  }
  return next ?? after;
}
