import { describe, expect, it } from 'vitest';
import { maxSecondsUp } from './start-times.js';

describe('maxSecondsUp', () => {
  it('reads the most time up a Docker status allows', () => {
    expect(maxSecondsUp('Up Less than a second')).toBe(1);
    expect(maxSecondsUp('Up 31 seconds')).toBe(32);
    expect(maxSecondsUp('Up About a minute')).toBe(120);
    expect(maxSecondsUp('Up 5 minutes (healthy)')).toBe(360);
    expect(maxSecondsUp('Up About an hour')).toBe(5400);
    expect(maxSecondsUp('Up 3 hours (Paused)')).toBe(3.5 * 3600);
  });
  it('says nothing of other statuses', () => {
    expect(maxSecondsUp('Restarting (1) 5 seconds ago')).toBe(Number.POSITIVE_INFINITY);
  });
});
