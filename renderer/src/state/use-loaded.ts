import { useEffect, useState } from 'react';
import type { CoreFailure, Outcome } from './core-call.js';

/** Something the page asked the core for: on its way, there, or refused. */
export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; failure: CoreFailure };

/**
 * Loads what `load` answers for `key`, again whenever the key changes, dropping answers to a key
 * that is no longer current. `key` says everything `load` depends on; null loads nothing (null).
 */
export function useLoaded<T>(key: string | null, load: () => Promise<Outcome<T>>): Loaded<T> | null {
  const [loaded, setLoaded] = useState<{ key: string; loaded: Loaded<T> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoaded({ key, loaded: { status: 'loading' } });
    void load().then((outcome) => {
      if (live) setLoaded({ key, loaded: outcome.ok ? { status: 'ready', value: outcome.value } : { status: 'failed', failure: outcome.failure } });
    });
    return () => {
      live = false;
    };
    // `load` is rebuilt every render; `key` says everything it depends on.
  }, [key]);
  return loaded?.key === key ? loaded.loaded : key === null ? null : { status: 'loading' };
}
