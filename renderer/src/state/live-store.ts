import type { CoreFailure } from './core-call.js';
import { createLoader, type CoreCaller, type LiveSource, type LoaderSpec, type Scope } from './live-loader.js';
import { writeAnswer, writeEvent, type Entries, type Merge } from './live-rule.js';

export interface LiveState<V> {
  /** Null until the first complete answer. */
  entries: Entries<V> | null;
  /** A complete load is in flight. */
  loading: boolean;
  /** Why the last complete load failed; the entries keep what they showed before. */
  failure: CoreFailure | null;
}

/** A live collection of entries by id, with its own loader; views read it with useLive. */
export interface LiveStore<V> extends LiveSource {
  get(): LiveState<V>;
  subscribe(listener: () => void): () => void;
  /** An event or an action's reply: writes one entry (null: it is gone) with a fresh generation. */
  put(id: string, value: V | null): void;
}

export interface LiveStoreSpec<A, V> {
  fetch: LoaderSpec<A>['fetch'];
  /** The answer's entries by id. */
  entries: (answer: A, scope: Scope) => ReadonlyMap<string, V>;
  merge?: Merge<V>;
  /** Whether an answer lists every entry in scope; default: only a load of everything does. */
  complete?: (scope: Scope) => boolean;
}

/** Makes a live store: loads apply by the rule in live-rule.ts, `put` is the path for events. */
export function createLiveStore<A, V>(spec: LiveStoreSpec<A, V>, call?: CoreCaller): LiveStore<V> {
  let state: LiveState<V> = { entries: null, loading: false, failure: null };
  const listeners = new Set<() => void>();
  const update = (change: Partial<LiveState<V>>): void => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };
  const loader = createLoader<A>(
    {
      fetch: spec.fetch,
      apply: (answer, scope, generation) => {
        const complete = spec.complete ? spec.complete(scope) : scope === null;
        const entries = writeAnswer(
          state.entries ?? {},
          { values: spec.entries(answer, scope), complete, generation },
          spec.merge,
        );
        update(scope === null ? { entries, failure: null } : { entries });
      },
      failed: (failure, scope) => {
        if (scope === null) update({ failure });
      },
      loading: (loading) => update({ loading }),
    },
    call,
  );
  return {
    load: loader.load,
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    put(id, value) {
      const entries = writeEvent(state.entries ?? {}, id, value, spec.merge);
      if (entries !== state.entries) update({ entries });
    },
  };
}
