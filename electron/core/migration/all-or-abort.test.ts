import { describe, expect, it } from 'vitest';
import { allOrAbort } from './all-or-abort.js';

/** Resolves after `ms`, or rejects with a cancellation as soon as `signal` aborts. */
function waitUnlessAborted(ms: number, signal: AbortSignal, value: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(value), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error(`${value} cancelled`));
    });
  });
}

describe('allOrAbort', () => {
  it('returns every result in order when all succeed', async () => {
    const [a, b] = await allOrAbort<[string, number]>(undefined, [(s) => waitUnlessAborted(20, s, 'a'), async () => 2]);
    expect([a, b]).toEqual(['a', 2]);
  });

  it('cancels the others on the first failure, waits for them, and throws that failure', async () => {
    const ended: string[] = [];
    const run = allOrAbort<[string, string]>(undefined, [
      (s) => waitUnlessAborted(10_000, s, 'long').finally(() => ended.push('long')),
      async () => {
        await new Promise((r) => setTimeout(r, 10));
        throw new Error('images failed');
      },
    ]);
    await expect(run).rejects.toThrow('images failed');
    // The long task was cancelled, not left running, by the time the failure reached the caller.
    expect(ended).toEqual(['long']);
  });

  it('cancels all of them when the parent signal aborts', async () => {
    const parent = new AbortController();
    const run = allOrAbort<[string, string]>(parent.signal, [
      (s) => waitUnlessAborted(10_000, s, 'a'),
      (s) => waitUnlessAborted(10_000, s, 'b'),
    ]);
    setTimeout(() => parent.abort(), 10);
    await expect(run).rejects.toThrow(/cancelled/);
  });
});
