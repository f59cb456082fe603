import { useSyncExternalStore } from 'react';

/**
 * One clock for every age on screen ("Up 31 seconds"): a single one-second timer that runs only
 * while at least one component reads it, whatever the number of rows.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Milliseconds since the epoch, updated once a second while anything uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** How many components read the clock (for tests). */
export const clockReaders = (): number => listeners.size;
