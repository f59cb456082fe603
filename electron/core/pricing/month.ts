/**
 * Month arithmetic for prices and cost. A month's *price* uses 730 hours (365 × 24 / 12), as
 * both AWS and Google quote monthly figures; a month's *cost* uses the real hours of the
 * calendar month (UTC), so February costs less than March.
 */
export const HOURS_PER_MONTH = 730;

const HOUR_MS = 3_600_000;

/** First instant of `at`'s calendar month and of the next one, in UTC. */
export function monthBounds(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end };
}

/** Hours in `at`'s calendar month: 672 in a 28-day February, 744 in a 31-day month. */
export function hoursInMonth(at: Date): number {
  const { start, end } = monthBounds(at);
  return (end.getTime() - start.getTime()) / HOUR_MS;
}

/** Hours of the interval [from, to) that fall within [lo, hi); 0 if they do not overlap. */
export function overlapHours(from: Date, to: Date, lo: Date, hi: Date): number {
  const start = Math.max(from.getTime(), lo.getTime());
  const end = Math.min(to.getTime(), hi.getTime());
  return end > start ? (end - start) / HOUR_MS : 0;
}
