// The client on a real HTTP wire: a local server answers as DigitalOcean documents (absolute
// `links.pages.next` naming api.digitalocean.com, `{id, message}` errors, 429 with Retry-After).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitalOceanApiError, DigitalOceanClient } from './client.js';

const TOKEN = `dop_v1_${'ab'.repeat(32)}`;
let server: Server;
let endpoint: string;
const seen: { url: string; authorization: string | undefined }[] = [];
let limitedCalls = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    seen.push({ url: `${url.pathname}${url.search}`, authorization: request.headers.authorization });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return json(401, { id: 'Unauthorized', message: 'Unable to authenticate you' });
    if (url.pathname === '/api/v2/sizes') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const next = `https://api.digitalocean.com/v2/sizes?page=${page + 1}&per_page=2`;
      return json(200, {
        sizes: [{ slug: `a${page}` }, { slug: `b${page}` }],
        links: { pages: page < 3 ? { next, last: 'https://api.digitalocean.com/v2/sizes?page=3&per_page=2' } : {} },
        meta: { total: 6 },
      });
    }
    if (url.pathname === '/api/v2/limited') {
      limitedCalls++;
      if (limitedCalls === 1)
        return json(
          429,
          { id: 'too_many_requests', message: 'API Rate limit exceeded.' },
          { 'retry-after': '1', 'ratelimit-limit': '250', 'ratelimit-remaining': '0' },
        );
      return json(200, { ok: true });
    }
    if (url.pathname === '/api/v2/droplets/1')
      return json(404, { id: 'not_found', message: 'The resource you were accessing could not be found.' });
    if (url.pathname === '/api/v2/droplets/2') return json(503, 'down for maintenance');
    json(404, { id: 'not_found', message: 'no route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('DigitalOceanClient', () => {
  it('follows links.pages.next to the last page, on its own endpoint only', async () => {
    const api = new DigitalOceanClient({ token: TOKEN, endpoint, perPage: 2 });
    const sizes = await api.list<{ slug: string }>('/sizes', 'sizes');
    expect(sizes.map((s) => s.slug)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    // The next links named api.digitalocean.com; the token went to the configured endpoint.
    expect(seen.filter((s) => s.url.startsWith('/api/v2/sizes')).map((s) => s.url)).toEqual([
      '/api/v2/sizes?per_page=2',
      '/api/v2/sizes?page=2&per_page=2',
      '/api/v2/sizes?page=3&per_page=2',
    ]);
  });

  it('reads the documented error body and keeps the status', async () => {
    const api = new DigitalOceanClient({ token: TOKEN, endpoint });
    await expect(api.request('GET', '/droplets/1')).rejects.toMatchObject({ status: 404, id: 'not_found' });
    const outage = await api.request('GET', '/droplets/2').catch((error: unknown) => error);
    expect(outage).toBeInstanceOf(DigitalOceanApiError);
    expect(outage).toMatchObject({ status: 503, id: 'http_503' });
    const refused = new DigitalOceanClient({ token: 'dop_v1_wrong', endpoint });
    // DigitalOcean spells this id "Unauthorized" on the wire; the client lowercases ids.
    await expect(refused.request('GET', '/account')).rejects.toMatchObject({ status: 401, id: 'unauthorized' });
  });

  it('waits out a 429 as Retry-After says, then succeeds', async () => {
    const api = new DigitalOceanClient({ token: TOKEN, endpoint });
    const started = Date.now();
    await expect(api.request('GET', '/limited')).resolves.toEqual({ ok: true });
    expect(limitedCalls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
