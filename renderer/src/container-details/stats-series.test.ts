import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/index.js';
import { EMPTY_SERIES, appendSample, secondsAgo } from './stats-series.js';

const sample = (second: number, changes: Partial<StatsSample> = {}): StatsSample => ({
  at: new Date(Date.UTC(2025, 0, 1, 0, 0, 0) + second * 1000).toISOString(),
  cpuPercent: 10,
  memoryBytes: 100,
  memoryLimitBytes: 1000,
  memoryLimitSource: 'host',
  networkRxBytes: second * 1000,
  networkTxBytes: second * 500,
  ...changes,
});

const feed = (seconds: number[]) => seconds.reduce((series, s) => appendSample(series, sample(s)), EMPTY_SERIES);

describe('appendSample', () => {
  it('keeps the last two minutes, measured from the newest sample', () => {
    const series = feed(Array.from({ length: 200 }, (_, i) => i));
    expect(series.t).toHaveLength(121);
    expect(series.t.at(-1)! - series.t[0]!).toBe(120);
    expect(series.cpu).toHaveLength(121);
  });

  it('computes network rates from the counters', () => {
    const series = feed([0, 2]);
    expect(series.rxRate).toBe(1000);
    expect(series.txRate).toBe(500);
    expect(feed([0]).rxRate).toBeNull();
  });

  it('shows no rate after a counter went backwards (the container restarted)', () => {
    const series = appendSample(feed([0, 1]), sample(2, { networkRxBytes: 0 }));
    expect(series.rxRate).toBeNull();
  });

  it('ignores samples that do not move time forward', () => {
    const series = feed([0, 1]);
    expect(appendSample(series, sample(1))).toBe(series);
    expect(appendSample(series, { ...sample(5), at: 'not a date' })).toBe(series);
  });

  it('never plots negative values', () => {
    expect(appendSample(EMPTY_SERIES, sample(0, { cpuPercent: -3 })).cpu).toEqual([0]);
  });
});

describe('secondsAgo', () => {
  it('labels the time axis relative to the newest sample', () => {
    expect(secondsAgo(0)).toBe('now');
    expect(secondsAgo(30)).toBe('−30s');
    expect(secondsAgo(120)).toBe('−2 min');
  });
});
