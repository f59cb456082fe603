import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, ReconnectSchedule } from './backoff.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const options = { initialMs: 500, maxMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, options))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(10_000, options)).toBe(30_000);
  });
});

describe('ReconnectSchedule', () => {
  it('keeps one attempt pending at a time, backs off, and starts over after a reset', () => {
    vi.useFakeTimers();
    const schedule = new ReconnectSchedule({ enabled: true, initialMs: 100, maxMs: 250 });
    const attempt = vi.fn();
    expect(schedule.schedule(attempt)).toBe(100);
    expect(schedule.schedule(attempt)).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(schedule.schedule(attempt)).toBe(200);
    schedule.cancel();
    expect(schedule.schedule(attempt)).toBe(250);
    schedule.cancel();
    schedule.reset();
    expect(schedule.schedule(attempt)).toBe(100);
    vi.advanceTimersByTime(1_000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('never schedules when reconnecting is off', () => {
    expect(new ReconnectSchedule({ enabled: false, initialMs: 1, maxMs: 1 }).schedule(() => undefined)).toBeUndefined();
  });
});
