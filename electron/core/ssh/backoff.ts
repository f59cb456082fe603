/** Reconnect timing: doubling delays from `initialMs`, never above `maxMs`. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** The delay before reconnect attempt `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  // 2 ** 30 already exceeds any sane cap; stopping there keeps the number finite.
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
}

/** At most one pending reconnect, each later one waiting twice as long up to the cap. */
export class ReconnectSchedule {
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;

  constructor(private readonly options: BackoffOptions & { enabled: boolean }) {}

  /** Runs `attempt` after the next delay, unless disabled or one is pending; returns the delay. */
  schedule(attempt: () => void): number | undefined {
    if (!this.options.enabled || this.timer) return undefined;
    const delay = backoffDelay(this.attempt++, this.options);
    this.timer = setTimeout(() => {
      this.timer = null;
      attempt();
    }, delay);
    // A pending reconnect must not keep a CLI process alive.
    this.timer.unref();
    return delay;
  }

  /** Back to the shortest delay, after a successful login. */
  reset(): void {
    this.attempt = 0;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
