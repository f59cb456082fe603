import { CrossdockError, DOCKER_HUB, isLoopbackRegistry, type RegistryTestResult } from '../../../shared/index.js';
import type { RegistryCredentials } from './registry-logins.js';
import { parseAuthChallenge, type AuthChallenge } from './www-authenticate.js';

/** How a check reaches the network: global fetch in the core, a stub in unit tests. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface RegistryCheckOptions {
  signal?: AbortSignal | undefined;
  fetch?: Fetch;
  /** Per request; a registry that says nothing in this long is unreachable. */
  timeoutMs?: number;
}

/** Docker Hub's registry API lives on another host than its name. */
function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/**
 * Checks a login against the registry's `/v2/` endpoint from this computer, the way the Docker
 * engine logs in: ask anonymously, then answer the registry's challenge — HTTP Basic, or the
 * token flow (the challenge's realm, service and scope; the token server takes the login as Basic
 * auth, or an identity token as an OAuth refresh token) and the token as Bearer. A refused login
 * is REGISTRY_AUTH_FAILED; no answer (DNS, refused, TLS, timeout) is REGISTRY_UNREACHABLE.
 * Registries on this computer's loopback are tried over plain HTTP when HTTPS fails, as Docker
 * treats 127.0.0.0/8 as an insecure registry.
 */
export async function checkRegistryLogin(
  credentials: RegistryCredentials,
  options: RegistryCheckOptions = {},
): Promise<RegistryTestResult> {
  const { registry } = credentials;
  const session = new RegistrySession(registry, options);
  const { response, endpoint } = await session.firstContact();
  if (response.ok) return { registry, auth: 'anonymous', endpoint };
  if (response.status !== 401) throw notARegistry(registry, endpoint, response.status);
  const challenge = parseAuthChallenge(response.headers.get('www-authenticate'));
  if (challenge?.scheme === 'bearer') {
    const token = await session.token(challenge, credentials);
    const answer = await session.get(endpoint, `Bearer ${token}`);
    if (answer.ok) return { registry, auth: 'token', endpoint };
    if (answer.status === 401 || answer.status === 403) throw refused(registry, credentials.username);
    throw notARegistry(registry, endpoint, answer.status);
  }
  if (challenge === null || challenge.scheme === 'basic') {
    const answer = await session.get(endpoint, basic(credentials.username, credentials.secret));
    if (answer.ok) return { registry, auth: 'basic', endpoint };
    if (answer.status === 401 || answer.status === 403) throw refused(registry, credentials.username);
    throw notARegistry(registry, endpoint, answer.status);
  }
  throw new CrossdockError(
    'REGISTRY_AUTH_FAILED',
    `The registry ${registry} asks for "${challenge.scheme}" authentication, which Crossdock cannot answer (it speaks Basic and the token flow)`,
    { registry },
  );
}

class RegistrySession {
  readonly #fetch: Fetch;
  constructor(
    readonly registry: string,
    readonly options: RegistryCheckOptions,
  ) {
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** `GET /v2/` anonymously, over HTTPS (or plain HTTP on loopback when HTTPS fails). */
  async firstContact(): Promise<{ response: Response; endpoint: string }> {
    const secure = `https://${apiHost(this.registry)}/v2/`;
    try {
      return { response: await this.#request(secure, {}), endpoint: secure };
    } catch (error) {
      if (!isLoopbackRegistry(this.registry) || isAbort(error, this.options.signal))
        throw this.#unreachable(secure, error);
      const plain = `http://${this.registry}/v2/`;
      let response: Response;
      try {
        response = await this.#request(plain, {});
      } catch (second) {
        throw this.#unreachable(plain, second, secure, error);
      }
      // An HTTPS server (a registry whose certificate is not trusted here) answers plain HTTP with
      // a 400: the HTTPS failure is the one worth telling.
      if (response.status === 400) throw this.#unreachable(secure, error);
      return { response, endpoint: plain };
    }
  }

  async get(url: string, authorization: string): Promise<Response> {
    try {
      return await this.#request(url, { headers: { authorization } });
    } catch (error) {
      throw this.#unreachable(url, error);
    }
  }

  /** A token for the challenge from its realm: the login as Basic auth, or an identity token as a refresh token. */
  async token(challenge: AuthChallenge, credentials: RegistryCredentials): Promise<string> {
    const { realm, service, scope } = challenge.params;
    let url: URL;
    try {
      url = new URL(realm ?? '');
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    } catch {
      throw new CrossdockError(
        'REGISTRY_UNREACHABLE',
        `The registry ${this.registry} names no usable token server (realm "${realm ?? ''}"); check the registry's auth configuration`,
        { registry: this.registry },
      );
    }
    let response: Response;
    try {
      if (credentials.kind === 'identity-token') {
        const form = new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: credentials.secret,
          client_id: 'crossdock',
          ...(service ? { service } : {}),
          ...(scope ? { scope } : {}),
        });
        response = await this.#request(url.href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        });
      } else {
        if (service) url.searchParams.set('service', service);
        if (scope) url.searchParams.set('scope', scope);
        url.searchParams.set('account', credentials.username);
        response = await this.#request(url.href, {
          headers: { authorization: basic(credentials.username, credentials.secret) },
        });
      }
    } catch (error) {
      throw this.#unreachable(url.origin, error);
    }
    if (response.status === 401 || response.status === 403) throw refused(this.registry, credentials.username);
    if (!response.ok)
      throw new CrossdockError(
        'REGISTRY_UNREACHABLE',
        `The token server of ${this.registry} (${url.origin}) answered HTTP ${response.status}; try again later, or check the registry's auth configuration`,
        { registry: this.registry, status: response.status },
      );
    const body = (await response.json().catch(() => null)) as { token?: unknown; access_token?: unknown } | null;
    const token = body?.token ?? body?.access_token;
    if (typeof token !== 'string' || token === '')
      throw new CrossdockError(
        'REGISTRY_UNREACHABLE',
        `The token server of ${this.registry} (${url.origin}) answered without a token; check the registry's auth configuration`,
        { registry: this.registry },
      );
    return token;
  }

  async #request(url: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    return this.#fetch(url, { ...init, signal, redirect: 'follow' });
  }

  #unreachable(url: string, error: unknown, firstUrl?: string, firstError?: unknown): CrossdockError {
    if (isAbort(error, this.options.signal))
      return new CrossdockError('CANCELLED', `The check of ${this.registry} was cancelled`);
    const why =
      firstUrl === undefined
        ? networkReason(error)
        : `${firstUrl}: ${networkReason(firstError)}; ${url}: ${networkReason(error)}`;
    return new CrossdockError(
      'REGISTRY_UNREACHABLE',
      `Could not reach the registry ${this.registry} (${firstUrl === undefined ? `${url}: ${why}` : why}). Check its name and port and that it is running; a registry with a certificate from your own CA needs that CA trusted on this computer (NODE_EXTRA_CA_CERTS)`,
      { registry: this.registry, url },
    );
  }
}

function basic(username: string, secret: string): string {
  return `Basic ${Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')}`;
}

function refused(registry: string, username: string): CrossdockError {
  return new CrossdockError(
    'REGISTRY_AUTH_FAILED',
    `The registry ${registry} refused the login of ${username}; check the username and the password or token, and log in to it again`,
    { registry, username },
  );
}

function notARegistry(registry: string, endpoint: string, status: number): CrossdockError {
  return new CrossdockError(
    'REGISTRY_UNREACHABLE',
    `${endpoint} answered HTTP ${status}, not as a container registry does; check the registry name and port`,
    { registry, status },
  );
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && error instanceof Error && error.name === 'AbortError';
}

/** The cause of a failed fetch in a few words: undici wraps it as `fetch failed` with a `cause`. */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}
