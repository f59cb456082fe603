/** How long to wait before reconnect attempt `attempt` (0-based). */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1: the delay varies by up to this share either way, so many windows do not retry in step. */
  jitter: number;
}

export const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000, jitter: 0.2 };

/**
 * Exponential back-off with jitter. The core usually comes back within a second (a restart of
 * `crossdock serve`), so the first retries are quick; a core that stays down is polled at most
 * every `maxMs`, which keeps a forgotten tab from hammering it.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ideal = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const spread = ideal * options.jitter * (random() * 2 - 1);
  return Math.round(Math.min(options.maxMs, Math.max(options.baseMs / 2, ideal + spread)));
}
