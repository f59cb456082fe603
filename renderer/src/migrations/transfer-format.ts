import { formatBytes } from '../containers/format.js';
import { formatDuration } from '../jobs/format-duration.js';

export { formatBytes };

/** `12.4 MiB/s`, in the same binary units as the byte counts next to it. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0)
    return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/**
 * A short span of time where sub-second precision matters (downtime, an estimate): `850 ms`,
 * `4.2 s`, then the jobs' compact `3m 05s` from a minute on.
 */
export function formatSpan(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return formatDuration(ms);
}

/** `12.3 MiB of 24.0 MiB`, or just the bytes when the total is unknown. */
export function formatBytesOf(bytes: number, total: number | null): string {
  return total !== null && total > 0 ? `${formatBytes(bytes)} of ${formatBytes(total)}` : formatBytes(bytes);
}

/** Time left at the current rate, or null when it cannot be told (no total, no rate yet). */
export function remainingMs(bytes: number, total: number | null, bytesPerSecond: number): number | null {
  if (total === null || total <= 0 || !(bytesPerSecond > 0)) return null;
  return (Math.max(0, total - bytes) / bytesPerSecond) * 1000;
}

/** `1 image`, `3 volumes`: a count with its noun (one rule for the app and the CLI). */
export { counted } from '../../../shared/index.js';
