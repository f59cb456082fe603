import type { JobLogLine } from '../../../shared/index.js';

/** Lines kept per job; the log view is for following work, the core keeps the full log. */
export const MAX_LOG_LINES = 2000;

/**
 * Merges log lines by `seq`: the backlog from `jobs.logs` and live `jobs.log` events overlap
 * when the view opens while the job writes, and after a reconnect. Duplicates are dropped and
 * the result is in `seq` order, trimmed to the last `max` lines.
 */
export function mergeLogLines(
  existing: readonly JobLogLine[],
  incoming: readonly JobLogLine[],
  max = MAX_LOG_LINES,
): JobLogLine[] {
  if (incoming.length === 0) return existing as JobLogLine[];
  const lastSeq = existing.at(-1)?.seq ?? 0;
  // The common case, a live line after the last one, stays a cheap append.
  const appendsInOrder = incoming.every((line, i) => line.seq > (i === 0 ? lastSeq : (incoming[i - 1]?.seq ?? 0)));
  let merged: JobLogLine[];
  if (appendsInOrder) {
    merged = [...existing, ...incoming];
  } else {
    const bySeq = new Map<number, JobLogLine>();
    for (const line of existing) bySeq.set(line.seq, line);
    for (const line of incoming) bySeq.set(line.seq, line);
    merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
