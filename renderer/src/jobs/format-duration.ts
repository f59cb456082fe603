/**
 * A compact elapsed time for job rows: `0s`, `42s`, `3m 05s`, `1h 02m`. Seconds stop mattering
 * once a job runs for an hour, so they are dropped there to keep the column narrow.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(ms) ? ms / 1000 : 0));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** How long a job has run: until it ended, or until `now` while it still runs. */
export function jobElapsedMs(job: { startedAt: string; endedAt: string | null }, now: number): number {
  const start = Date.parse(job.startedAt);
  const end = job.endedAt ? Date.parse(job.endedAt) : now;
  return Number.isNaN(start) || Number.isNaN(end) ? 0 : Math.max(0, end - start);
}

/** `0.4512` → `45%`; whole percent is as precise as a progress bar can show. */
export function formatPercent(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return `${Math.floor(clamped * 100)}%`;
}
