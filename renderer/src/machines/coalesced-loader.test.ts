import { describe, expect, it } from 'vitest';
import { createCoalescedLoader } from './coalesced-loader.js';

function deferredLoads() {
  const pending: (() => void)[] = [];
  let calls = 0;
  const load = () => {
    calls += 1;
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  return { load, pending, calls: () => calls };
}

describe('createCoalescedLoader', () => {
  it('runs once for a single request', async () => {
    const loads = deferredLoads();
    const request = createCoalescedLoader(loads.load);
    const done = request();
    loads.pending.shift()?.();
    await done;
    expect(loads.calls()).toBe(1);
  });

  it('folds requests made during a run into one more run after it', async () => {
    const loads = deferredLoads();
    const request = createCoalescedLoader(loads.load);
    const first = request();
    const second = request();
    const third = request();
    expect(loads.calls()).toBe(1);
    loads.pending.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(loads.calls()).toBe(2);
    loads.pending.shift()?.();
    await Promise.all([first, second, third]);
    expect(loads.calls()).toBe(2);
  });

  it('keeps working after a load throws', async () => {
    let calls = 0;
    const request = createCoalescedLoader(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
    });
    await request();
    await request();
    expect(calls).toBe(2);
  });
});
