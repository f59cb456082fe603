import { attempt, type CoreFailure, type CoreRun, type Outcome } from './core-call.js';
import { nextGeneration } from './live-rule.js';

/** Which entries a load asks for: some ids (e.g. the hosts that changed), or null for everything. */
export type Scope = readonly string[] | null;

export interface LoadOptions {
  /**
   * Ask for the vault passphrase when the vault is locked. Only for loads the user asked for:
   * the loads that keep a view current run unasked, and a locked vault shows up in the view.
   */
  vault?: boolean;
}

export interface LoaderSpec<A> {
  fetch: (api: Parameters<CoreRun<A>>[0], scope: Scope) => Promise<A>;
  /** Folds an answer in; `generation` is the load's, for the rule in live-rule.ts. */
  apply: (answer: A, scope: Scope, generation: number) => void;
  /** A load failed; `failure.silent` when the user already saw why (they closed the vault prompt). */
  failed?: (failure: CoreFailure, scope: Scope) => void;
  /** A full load started (true) or ended (false). */
  loading?: (loading: boolean) => void;
}

/** How a load reaches the core: `attempt`, or a stand-in in the loader's own tests. */
export type CoreCaller = <T>(run: CoreRun<T>, options: { vault?: boolean }) => Promise<Outcome<T>>;

/** Something a view keeps current: loaded on (re)connection, on its triggers, on events. */
export interface LiveSource {
  load(scope?: Scope, options?: LoadOptions): Promise<void>;
}

const scopeKey = (scope: Scope): string => (scope === null ? '*' : [...scope].sort().join('\n'));

/**
 * The one way live data is loaded. Every load goes through `attempt` (the one path to the core,
 * with the vault-unlock retry when asked) and takes its generation when its request is sent.
 * Loads of the same scope are coalesced: asked again while one is in flight, it runs once more
 * after it, however many times it was asked, so a burst of events costs at most two calls and
 * the last answer is never older than the last request. Different scopes (a full list and one
 * host's refetch) may overlap; the rule sorts their answers out.
 */
export function createLoader<A>(spec: LoaderSpec<A>, call: CoreCaller = attempt): LiveSource {
  const running = new Map<string, { done: Promise<void>; again: LoadOptions | null }>();

  const runOnce = async (scope: Scope, options: LoadOptions): Promise<void> => {
    const generation = nextGeneration();
    if (scope === null) spec.loading?.(true);
    const outcome = await call((api) => spec.fetch(api, scope), { vault: options.vault ?? false });
    if (scope === null) spec.loading?.(false);
    if (outcome.ok) spec.apply(outcome.value, scope, generation);
    else spec.failed?.(outcome.failure, scope);
  };

  return {
    load(scope = null, options = {}) {
      const key = scopeKey(scope);
      const inFlight = running.get(key);
      if (inFlight) {
        inFlight.again = { vault: (inFlight.again?.vault ?? false) || (options.vault ?? false) };
        return inFlight.done;
      }
      const entry: { done: Promise<void>; again: LoadOptions | null } = { done: Promise.resolve(), again: null };
      entry.done = (async () => {
        let next: LoadOptions | null = options;
        try {
          while (next) {
            entry.again = null;
            await runOnce(scope, next);
            next = entry.again;
          }
        } finally {
          running.delete(key);
        }
      })();
      running.set(key, entry);
      return entry.done;
    },
  };
}
