import type { StatsSample } from '../../../shared/index.js';

/** How much history the charts show. */
export const STATS_WINDOW_MS = 120_000;

/** Columns ready for uPlot (x in seconds), plus what the numbers under the charts show. */
export interface StatsSeries {
  t: number[];
  cpu: number[];
  memory: number[];
  latest: StatsSample | null;
  /** Bytes per second over the last interval; null until two samples exist or after a counter reset. */
  rxRate: number | null;
  txRate: number | null;
}

export const EMPTY_SERIES: StatsSeries = { t: [], cpu: [], memory: [], latest: null, rxRate: null, txRate: null };

const rate = (now: number, before: number, seconds: number): number | null =>
  seconds > 0 && now >= before ? (now - before) / seconds : null;

/**
 * Adds a sample and drops those older than the window, measured from the newest sample (the
 * core's clock), so a window whose clock differs from the core's still shows two minutes.
 * Samples that do not move time forward (duplicates, reordering) are ignored.
 */
export function appendSample(series: StatsSeries, sample: StatsSample, windowMs = STATS_WINDOW_MS): StatsSeries {
  const at = Date.parse(sample.at);
  if (Number.isNaN(at)) return series;
  const seconds = at / 1000;
  const lastT = series.t.at(-1);
  if (lastT !== undefined && seconds <= lastT) return series;
  const from = seconds - windowMs / 1000;
  let start = 0;
  while (start < series.t.length && (series.t[start] ?? 0) < from) start++;
  const previous = series.latest;
  const dt = lastT === undefined ? 0 : seconds - lastT;
  return {
    t: [...series.t.slice(start), seconds],
    cpu: [...series.cpu.slice(start), Math.max(0, sample.cpuPercent)],
    memory: [...series.memory.slice(start), Math.max(0, sample.memoryBytes)],
    latest: sample,
    rxRate: previous ? rate(sample.networkRxBytes, previous.networkRxBytes, dt) : null,
    txRate: previous ? rate(sample.networkTxBytes, previous.networkTxBytes, dt) : null,
  };
}

/** An x-axis tick of the two-minute charts: `now`, `−30s`, `−1 min`. */
export function secondsAgo(seconds: number): string {
  const s = Math.round(seconds);
  if (s <= 0) return 'now';
  return s % 60 === 0 ? `−${s / 60} min` : `−${s}s`;
}
