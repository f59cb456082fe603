import { setTimeout as sleep } from 'node:timers/promises';

/** An API error that says its HTTP status and, for a 429, how long to wait. */
export interface RetryableApiError extends Error {
  readonly status: number;
  readonly retryAfterSeconds: number | null;
}

export interface BearerJsonRequest<E extends RetryableApiError> {
  url: string;
  token: string;
  method: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Extra headers (e.g. `accept`). */
  headers?: Record<string, string>;
  /** The provider's own reading of a failed answer. */
  toError: (response: Response) => Promise<E>;
  /** How many times a 429 is retried before its error is thrown. */
  rateLimitRetries: number;
}

// A rate limit's reset can be far off (DigitalOcean's is when the hour's oldest request expires):
// one retry waits at most this long, and then the error says when to try again.
const MAX_RETRY_WAIT_S = 10;

/**
 * One JSON call with a bearer token, as the Hetzner and DigitalOcean clients make them: 204 and
 * empty answers resolve to an empty object; a 429 waits what the provider said (capped) and tries
 * again, up to `rateLimitRetries` times.
 */
export async function bearerJsonRequest<T, E extends RetryableApiError>(request: BearerJsonRequest<E>): Promise<T> {
  const { body, signal } = request;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(request.url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${request.token}`,
        ...request.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    if (response.ok) {
      if (response.status === 204) return {} as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : {}) as T;
    }
    const error = await request.toError(response);
    if (error.status === 429 && attempt < request.rateLimitRetries) {
      const waitS = Math.min(error.retryAfterSeconds ?? 1, MAX_RETRY_WAIT_S);
      await sleep(waitS * 1_000, undefined, signal ? { signal } : {});
      continue;
    }
    throw error;
  }
}
