import { describe, expect, it } from 'vitest';
import type { CoreFailure, Outcome } from './core-call.js';
import { createLoader, type CoreCaller, type Scope } from './live-loader.js';

/** A core whose answers the test releases one by one, in any order. */
export function heldCore() {
  const held: { resolve: (outcome: Outcome<unknown>) => void; vault: boolean }[] = [];
  const call: CoreCaller = <T>(_run: unknown, options: { vault?: boolean }) =>
    // The stand-in answers whatever the test hands it; the loaders under test are typed by their spec.
    new Promise<Outcome<T>>((resolve) =>
      held.push({ resolve: (outcome) => resolve(outcome as Outcome<T>), vault: options.vault ?? false }),
    );
  return { call, held };
}

const ok = (value: string): Outcome<unknown> => ({ ok: true, value });
const refused: CoreFailure = { code: 'VAULT_LOCKED', message: 'The vault is locked', details: {}, silent: false };
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function recordingLoader(call: CoreCaller) {
  const applied: { answer: string; scope: Scope; generation: number }[] = [];
  const failed: CoreFailure[] = [];
  const loading: boolean[] = [];
  const source = createLoader<string>(
    {
      fetch: () => Promise.resolve(''),
      apply: (answer, scope, generation) => applied.push({ answer, scope, generation }),
      failed: (f) => failed.push(f),
      loading: (l) => loading.push(l),
    },
    call,
  );
  return { source, applied, failed, loading };
}

describe('createLoader', () => {
  it('folds requests made during a load into one more load after it', async () => {
    const core = heldCore();
    const { source, applied } = recordingLoader(core.call);
    const first = source.load();
    const second = source.load();
    void source.load();
    expect(core.held).toHaveLength(1);
    core.held[0]?.resolve(ok('a'));
    await tick();
    expect(core.held).toHaveLength(2);
    core.held[1]?.resolve(ok('b'));
    await Promise.all([first, second]);
    expect(applied.map((a) => a.answer)).toEqual(['a', 'b']);
    // The rerun took its generation when it was sent, after the first load's.
    expect(applied[1]?.generation).toBeGreaterThan(applied[0]?.generation ?? Infinity);
  });

  it('lets loads of different scopes overlap, each with the generation of when it was sent', async () => {
    const core = heldCore();
    const { source, applied } = recordingLoader(core.call);
    const full = source.load(null);
    const one = source.load(['host-1']);
    expect(core.held).toHaveLength(2);
    core.held[1]?.resolve(ok('one'));
    core.held[0]?.resolve(ok('full'));
    await Promise.all([full, one]);
    const [quick, slow] = applied;
    expect(quick?.scope).toEqual(['host-1']);
    expect(slow?.scope).toBeNull();
    expect(slow?.generation).toBeLessThan(quick?.generation ?? 0);
  });

  it('reports failures and the loading of full loads only', async () => {
    const core = heldCore();
    const { source, failed, loading } = recordingLoader(core.call);
    const full = source.load();
    core.held[0]?.resolve({ ok: false, failure: refused });
    await full;
    const partial = source.load(['host-1']);
    core.held[1]?.resolve(ok('x'));
    await partial;
    expect(failed).toEqual([refused]);
    expect(loading).toEqual([true, false]);
  });

  it('asks for the vault only when the load says so, and a queued rerun keeps the ask', async () => {
    const core = heldCore();
    const { source } = recordingLoader(core.call);
    const first = source.load();
    void source.load(null, { vault: true });
    core.held[0]?.resolve(ok('a'));
    await tick();
    core.held[1]?.resolve(ok('b'));
    await first;
    expect(core.held.map((h) => h.vault)).toEqual([false, true]);
  });
});
