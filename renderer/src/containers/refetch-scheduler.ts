import type { ResourceKind } from './docker-lists.js';

export interface Timers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RefetchScheduler {
  /** Notes that `kind` changed on `hostId`; the host is refetched once, `delayMs` after its first note. */
  schedule(hostId: string, kind: ResourceKind): void;
  cancelAll(): void;
}

/**
 * Coalesces `docker.changed` events into one refetch per host. The timer starts at the first
 * event and is not pushed back by later ones: a host that changes continuously (100 events a
 * second) is still refetched every `delayMs`, instead of never.
 */
export function createRefetchScheduler(
  run: (hostId: string, kinds: ReadonlySet<ResourceKind>) => void,
  delayMs = 200,
  timers: Timers = realTimers,
): RefetchScheduler {
  const waiting = new Map<string, { kinds: Set<ResourceKind>; timer: unknown }>();
  return {
    schedule(hostId, kind) {
      const entry = waiting.get(hostId);
      if (entry) {
        entry.kinds.add(kind);
        return;
      }
      const kinds = new Set([kind]);
      const timer = timers.setTimeout(() => {
        waiting.delete(hostId);
        run(hostId, kinds);
      }, delayMs);
      waiting.set(hostId, { kinds, timer });
    },
    cancelAll() {
      for (const entry of waiting.values()) timers.clearTimeout(entry.timer);
      waiting.clear();
    },
  };
}
