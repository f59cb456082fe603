import { setTimeout as sleep } from 'node:timers/promises';
import { bearerJsonRequest } from '../bearer-json.js';

/**
 * A small typed client for the DigitalOcean API v2 (https://docs.digitalocean.com/reference/api/)
 * over `fetch`. DigitalOcean's official SDKs are godo (Go) and pydo (Python); its only JavaScript
 * package, `dots-wrapper`, is a community one on axios with a single maintainer, so Crossdock
 * keeps its own few calls, as for Hetzner.
 */

export const DIGITALOCEAN_API = 'https://api.digitalocean.com/v2';

/** A failed call, as DigitalOcean documents it: `{"id", "message", "request_id"?}` plus the HTTP status. */
export class DigitalOceanApiError extends Error {
  override readonly name = 'DigitalOceanApiError';
  constructor(
    readonly status: number,
    /** DigitalOcean's error id: `unauthorized`, `not_found`, `unprocessable_entity`, `too_many_requests`… */
    readonly id: string,
    message: string,
    /** Seconds to wait before trying again (`Retry-After`, else `RateLimit-Reset`; 429 only). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** An action (`/v2/actions/{id}`): power on/off, create, destroy… */
export interface DigitalOceanAction {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  started_at: string;
  completed_at: string | null;
  resource_id: number | null;
  resource_type: string;
}

export interface DigitalOceanClientOptions {
  token: string;
  /** Another API base (the test emulator); DigitalOcean's own by default. */
  endpoint?: string | undefined;
  /** How long to wait between polls of an action in progress (ms). */
  actionPollMs?: number;
  /** Items per page of a list (DigitalOcean allows up to 200). */
  perPage?: number;
}

/** Rate-limited calls are retried this often, waiting as the answer says, before failing. */
const RATE_LIMIT_RETRIES = 3;
/** A list longer than this many pages is a loop in the `next` links, not an account. */
const MAX_PAGES = 1_000;

export class DigitalOceanClient {
  private readonly baseText: string;
  private readonly base: URL;
  private readonly pollMs: number;

  constructor(private readonly options: DigitalOceanClientOptions) {
    this.baseText = (options.endpoint ?? DIGITALOCEAN_API).replace(/\/+$/, '');
    this.base = new URL(this.baseText);
    this.pollMs = options.actionPollMs ?? 2_000;
  }

  /** One call; JSON in and out. 204 answers resolve to an empty object. `path` starts after `/v2`. */
  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return bearerJsonRequest<T, DigitalOceanApiError>({
      url: `${this.baseText}${path}`,
      token: this.options.token,
      method,
      body,
      signal,
      headers: { accept: 'application/json' },
      toError: toApiError,
      rateLimitRetries: RATE_LIMIT_RETRIES,
    });
  }

  /**
   * Every item of a paged list, following `links.pages.next`. The next link is absolute and names
   * DigitalOcean's host; only its path and query are taken, and sent to this client's endpoint, so
   * the token never goes anywhere but where it was configured to.
   */
  async list<T>(path: string, key: string, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    let next: string | null = `${path}${separator}per_page=${this.options.perPage ?? 200}`;
    for (let pages = 0; next !== null; pages++) {
      if (pages >= MAX_PAGES) throw new Error(`DigitalOcean list ${path} did not end after ${MAX_PAGES} pages`);
      const answer: Record<string, unknown> & { links?: { pages?: { next?: string } } } = await this.request(
        'GET',
        next,
        undefined,
        signal,
      );
      items.push(...((answer[key] as T[] | undefined) ?? []));
      next = this.relative(answer.links?.pages?.next);
    }
    return items;
  }

  /** A `next` link as a path after the API base (`/droplets?page=2&…`), or null at the end. */
  private relative(link: string | undefined): string | null {
    if (!link) return null;
    const url = new URL(link, this.base);
    const basePath = this.base.pathname.replace(/\/+$/, '');
    // DigitalOcean's links say /v2/…; the emulator's or a gateway's may sit under another prefix.
    const version = basePath.slice(basePath.lastIndexOf('/'));
    const at = url.pathname.indexOf(`${version}/`);
    if (at < 0) throw new Error(`DigitalOcean gave a next page outside the API: ${url.pathname}`);
    return `${url.pathname.slice(at + version.length)}${url.search}`;
  }

  /** Waits until an action has finished; an errored action throws. */
  async waitAction(action: DigitalOceanAction, signal?: AbortSignal): Promise<DigitalOceanAction> {
    let current = action;
    while (current.status === 'in-progress') {
      await sleep(this.pollMs, undefined, signal ? { signal } : {});
      current = (await this.request<{ action: DigitalOceanAction }>('GET', `/actions/${current.id}`, undefined, signal))
        .action;
    }
    if (current.status === 'errored')
      throw new DigitalOceanApiError(
        422,
        'action_errored',
        `the ${current.type} action on ${current.resource_type} ${current.resource_id ?? '?'} failed`,
      );
    return current;
  }
}

async function toApiError(response: Response): Promise<DigitalOceanApiError> {
  let id = `http_${response.status}`;
  let message = response.statusText || 'no reason given';
  try {
    const body = (await response.json()) as { id?: unknown; message?: unknown };
    if (typeof body.id === 'string') id = body.id;
    if (typeof body.message === 'string') message = body.message.slice(0, 300);
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  let retryAfter: number | null = null;
  const after = Number(response.headers.get('retry-after'));
  // RateLimit-Reset is a UNIX time in seconds; Retry-After a number of seconds.
  const reset = Number(response.headers.get('ratelimit-reset'));
  if (Number.isFinite(after) && after > 0) retryAfter = Math.ceil(after);
  else if (Number.isFinite(reset) && reset > 0) retryAfter = Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return new DigitalOceanApiError(response.status, id.toLowerCase(), message, retryAfter);
}
