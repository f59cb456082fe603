import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefetchScheduler } from './refetch-scheduler.js';

describe('createRefetchScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refetches a host once for a burst of events, with every kind that changed', () => {
    const run = vi.fn();
    const scheduler = createRefetchScheduler(run, 200);
    scheduler.schedule('a', 'containers');
    vi.advanceTimersByTime(100);
    scheduler.schedule('a', 'containers');
    scheduler.schedule('a', 'images');
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith('a', new Set(['containers', 'images']));
  });

  it('keeps hosts apart: each host gets its own refetch', () => {
    const run = vi.fn();
    const scheduler = createRefetchScheduler(run, 200);
    scheduler.schedule('a', 'containers');
    scheduler.schedule('b', 'volumes');
    vi.advanceTimersByTime(200);
    expect(run.mock.calls.map(([host]) => host).sort()).toEqual(['a', 'b']);
  });

  it('still refetches every 200 ms while events never stop (100 per second)', () => {
    const run = vi.fn();
    const scheduler = createRefetchScheduler(run, 200);
    for (let ms = 0; ms < 1000; ms += 10) {
      scheduler.schedule('a', 'containers');
      vi.advanceTimersByTime(10);
    }
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('drops what is waiting when cancelled (the view closed)', () => {
    const run = vi.fn();
    const scheduler = createRefetchScheduler(run, 200);
    scheduler.schedule('a', 'containers');
    scheduler.cancelAll();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
