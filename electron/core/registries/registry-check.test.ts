// The client half of the login check against a tiny registry double on loopback (plain HTTP, as
// Docker allows for 127.0.0.0/8): enough to pin the protocol steps. The real registry, with TLS,
// htpasswd and its own token flow, is in test/integration/registries.test.ts.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRegistryLogin } from './registry-check.js';

type Handler = (
  req: IncomingMessage,
  body: string,
) => { status: number; headers?: Record<string, string>; json?: unknown };
let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function registryDouble(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const answer = handler(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.json ?? {}));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('checkRegistryLogin', () => {
  it('answers a Basic challenge, and classifies a refusal as REGISTRY_AUTH_FAILED', async () => {
    const registry = await registryDouble((req) =>
      req.headers.authorization === basic('ann', 'right')
        ? { status: 200 }
        : { status: 401, headers: { 'www-authenticate': 'Basic realm="Registry Realm"' } },
    );
    await expect(checkRegistryLogin({ registry, username: 'ann', secret: 'right', kind: 'password' })).resolves.toEqual(
      {
        registry,
        auth: 'basic',
        endpoint: `http://${registry}/v2/`,
      },
    );
    await expect(
      checkRegistryLogin({ registry, username: 'ann', secret: 'wrong', kind: 'password' }),
    ).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED', details: { registry, username: 'ann' } });
  });

  it('follows the token flow: realm, service and scope, Basic to the token server, Bearer to /v2/', async () => {
    const seen: string[] = [];
    let registry = '';
    registry = await registryDouble((req, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/token') {
        seen.push(`${req.method} ${url.search} ${body}`);
        if (req.method === 'GET' && req.headers.authorization === basic('tess', 'pw'))
          return { status: 200, json: { token: 'T1' } };
        if (req.method === 'POST' && new URLSearchParams(body).get('refresh_token') === 'idtok')
          return { status: 200, json: { access_token: 'T2' } };
        return { status: 401 };
      }
      if (req.headers.authorization === 'Bearer T1' || req.headers.authorization === 'Bearer T2')
        return { status: 200 };
      return {
        status: 401,
        headers: {
          'www-authenticate': `Bearer realm="http://${registry}/token",service="double",scope="registry:catalog:*"`,
        },
      };
    });
    await expect(
      checkRegistryLogin({ registry, username: 'tess', secret: 'pw', kind: 'password' }),
    ).resolves.toMatchObject({
      auth: 'token',
    });
    await expect(
      checkRegistryLogin({ registry, username: '<token>', secret: 'idtok', kind: 'identity-token' }),
    ).resolves.toMatchObject({ auth: 'token' });
    await expect(
      checkRegistryLogin({ registry, username: 'tess', secret: 'no', kind: 'password' }),
    ).rejects.toMatchObject({
      code: 'REGISTRY_AUTH_FAILED',
    });
    expect(seen[0]).toBe('GET ?service=double&scope=registry%3Acatalog%3A*&account=tess ');
    expect(seen[1]).toMatch(
      /^POST {2}grant_type=refresh_token&refresh_token=idtok&client_id=crossdock&service=double&scope=/,
    );
  });

  it('says when the registry needs no login, or is no registry at all', async () => {
    let status = 200;
    const registry = await registryDouble(() => ({ status }));
    await expect(checkRegistryLogin({ registry, username: 'u', secret: 'p', kind: 'password' })).resolves.toMatchObject(
      {
        auth: 'anonymous',
      },
    );
    status = 404;
    await expect(checkRegistryLogin({ registry, username: 'u', secret: 'p', kind: 'password' })).rejects.toMatchObject({
      code: 'REGISTRY_UNREACHABLE',
      message: expect.stringContaining('answered HTTP 404'),
    });
  });

  it('classifies a closed port and a name that does not resolve as REGISTRY_UNREACHABLE, naming the registry', async () => {
    const closed = await registryDouble(() => ({ status: 200 }));
    await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;
    const error = await checkRegistryLogin({ registry: closed, username: 'u', secret: 'p', kind: 'password' }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'REGISTRY_UNREACHABLE', details: { registry: closed } });
    expect(error.message).toContain(`Could not reach the registry ${closed}`);
    expect(error.message).toContain('ECONNREFUSED');
    await expect(
      checkRegistryLogin({ registry: 'no-such-host.invalid', username: 'u', secret: 'p', kind: 'password' }),
    ).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE', message: expect.stringContaining('ENOTFOUND') });
  });

  it('ends with CANCELLED when the caller aborts', async () => {
    const registry = await registryDouble(() => ({ status: 200 }));
    const controller = new AbortController();
    controller.abort();
    await expect(
      checkRegistryLogin({ registry, username: 'u', secret: 'p', kind: 'password' }, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
