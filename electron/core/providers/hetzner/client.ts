import { setTimeout as sleep } from 'node:timers/promises';
import { bearerJsonRequest } from '../bearer-json.js';

/**
 * A small typed client for the Hetzner Cloud REST API (https://docs.hetzner.cloud/) over
 * `fetch`. Hetzner publishes official SDKs for Go and Python only; the community TypeScript
 * packages are young, single-maintainer and axios-based, so Crossdock keeps its own few calls.
 */

export const HETZNER_API = 'https://api.hetzner.cloud/v1';

/** A failed call, as Hetzner documents it: `{"error": {"code", "message"}}` plus the HTTP status. */
export class HetznerApiError extends Error {
  override readonly name = 'HetznerApiError';
  constructor(
    readonly status: number,
    /** Hetzner's error code: `unauthorized`, `not_found`, `uniqueness_error`, `rate_limit_exceeded`… */
    readonly code: string,
    message: string,
    /** Seconds until the rate limit resets, from `RateLimit-Reset` (429 only). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export interface HetznerAction {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  error: { code: string; message: string } | null;
}

export interface HetznerClientOptions {
  token: string;
  /** Another API base (the test emulator); Hetzner's own by default. */
  endpoint?: string | undefined;
  /** How long to wait between polls of a running action (ms). */
  actionPollMs?: number;
  /** Items per page of a list (Hetzner allows up to 50). */
  perPage?: number;
}

interface Pagination {
  page: number;
  per_page: number;
  next_page: number | null;
  last_page: number | null;
  total_entries: number | null;
}

/** Rate-limited calls are retried this often, waiting for `RateLimit-Reset`, before failing. */
const RATE_LIMIT_RETRIES = 3;

export class HetznerClient {
  private readonly base: string;
  private readonly pollMs: number;

  constructor(private readonly options: HetznerClientOptions) {
    this.base = (options.endpoint ?? HETZNER_API).replace(/\/+$/, '');
    this.pollMs = options.actionPollMs ?? 1_000;
  }

  /** One call; JSON in and out. 204 answers resolve to an empty object. */
  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return bearerJsonRequest<T, HetznerApiError>({
      url: `${this.base}${path}`,
      token: this.options.token,
      method,
      body,
      signal,
      toError: toApiError,
      rateLimitRetries: RATE_LIMIT_RETRIES,
    });
  }

  /** Every item of a paged list (`page`/`per_page`, following `meta.pagination.next_page`). */
  async list<T>(path: string, key: string, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let page: number | null = 1; page !== null; ) {
      const answer: Record<string, unknown> & { meta?: { pagination?: Pagination } } = await this.request(
        'GET',
        `${path}${separator}page=${page}&per_page=${this.options.perPage ?? 50}`,
        undefined,
        signal,
      );
      items.push(...((answer[key] as T[] | undefined) ?? []));
      page = answer.meta?.pagination?.next_page ?? null;
    }
    return items;
  }

  /** Waits until an action has finished; a failed action throws its own error. */
  async waitAction(action: HetznerAction, signal?: AbortSignal): Promise<HetznerAction> {
    let current = action;
    while (current.status === 'running') {
      await sleep(this.pollMs, undefined, signal ? { signal } : {});
      current = (await this.request<{ action: HetznerAction }>('GET', `/actions/${current.id}`, undefined, signal))
        .action;
    }
    if (current.status === 'error')
      throw new HetznerApiError(
        422,
        current.error?.code ?? 'action_failed',
        current.error?.message ?? `action ${current.command} failed`,
      );
    return current;
  }
}

async function toApiError(response: Response): Promise<HetznerApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText || 'no reason given';
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message.slice(0, 300);
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  let retryAfter: number | null = null;
  const reset = Number(response.headers.get('ratelimit-reset'));
  // RateLimit-Reset is a UNIX timestamp in seconds.
  if (Number.isFinite(reset) && reset > 0) retryAfter = Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return new HetznerApiError(response.status, code, message, retryAfter);
}
