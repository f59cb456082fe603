import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createRpcClient,
  HEADER_CSP,
  webSocketTransport,
  type CrossdockApi,
  type CrossdockEvents,
  type WebSocketLike,
} from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { startWebServer, type WebServer } from '../../electron/headless/web-server.js';

let core: Core;
let server: WebServer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'crossdock-web-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Crossdock</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');
  core = createCore({ dataDir: join(root, 'data'), mode: 'web' });
  server = await startWebServer({ core, port: 0, rendererDir });
});

afterAll(async () => {
  await server.close();
  await core.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** Opens a WebSocket and resolves with the HTTP status of a refused handshake, or 101. */
function handshake(url: string, origin?: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.once('open', () => (socket.close(), resolve(101)));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

describe('web mode server', () => {
  it('listens on 127.0.0.1 only, with a long random token in the printed URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(HEADER_CSP);
    expect(await (await fetch(`http://127.0.0.1:${server.port}/assets/app.js`)).text()).toBe('console.log(1)');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
      expect(await res.text(), path).not.toContain('outside the renderer folder');
    }
  });

  it('answers API calls over the WebSocket with the right token and same-origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, { origin });
    const client = createRpcClient<CrossdockApi, CrossdockEvents>(
      webSocketTransport(socket as unknown as WebSocketLike),
    );
    const info = await client.api.system.info({});
    expect(info).toMatchObject({ mode: 'web', dataDir: join(root, 'data') });
    client.close();
    socket.close();
  });

  it('refuses a wrong or missing token', async () => {
    expect(await handshake(`ws://127.0.0.1:${server.port}/rpc?token=wrong`)).toBe(401);
    expect(await handshake(`ws://127.0.0.1:${server.port}/rpc`)).toBe(401);
    // The right token with its last character changed (to one it is not: 1 in 64 tokens end in x).
    const nearMiss = `${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}`;
    expect(await handshake(`ws://127.0.0.1:${server.port}/rpc?token=${nearMiss}`)).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect(await handshake(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, 'https://evil.example')).toBe(
      403,
    );
    expect(
      await handshake(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, `http://127.0.0.1:${server.port + 1}`),
    ).toBe(403);
  });

  it('refuses to start on a port that is taken, naming the port', async () => {
    await expect(
      startWebServer({ core, port: server.port, rendererDir: join(root, 'renderer') }),
    ).rejects.toMatchObject({
      code: 'PORT_CONFLICT',
      message: expect.stringContaining(String(server.port)),
    });
  });
});
