import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CrossdockError, HEADER_CSP, webSocketTransport, type WebSocketLike } from '../../shared/index.js';
import type { Core } from '../core/create-core.js';
import { resolveStaticFile } from './static-files.js';

export interface WebServerOptions {
  /** Only its `serve` is used (bench/ui passes a synthetic core). */
  core: Pick<Core, 'serve'>;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The web mode: the built renderer and the WebSocket API on 127.0.0.1 only. The API needs the
 * random token from the printed URL, and a browser connection must come from this server's own
 * origin, so another site open in the same browser cannot drive the core.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (!existsSync(options.rendererDir)) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `The built renderer is missing at ${options.rendererDir}; run "npm run build" first`,
      { path: options.rendererDir },
    );
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;

  const server = createServer((req, res) => void serveStatic(options.rendererDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const origin = req.headers.origin;
    const allowedOrigins = [`http://${HOST}:${port}`, `http://localhost:${port}`];
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse('404 Not Found');
    if (!sameToken(url.searchParams.get('token'), token)) return refuse('401 Unauthorized');
    // Browsers always send Origin on WebSocket handshakes; non-browser clients (the CLI, tests)
    // may omit it, and are held off by the token alone.
    if (origin !== undefined && !allowedOrigins.includes(origin)) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      options.core.serve(webSocketTransport(ws as unknown as WebSocketLike));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CrossdockError('PORT_CONFLICT', `Port ${port} on ${HOST} is already in use; pick another with --port`, {
              port,
            })
          : error,
      ),
    );
    server.listen(port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The page's policy as a header too, so it also covers responses that are not the page itself.
  res.setHeader('Content-Security-Policy', HEADER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const file = await resolveStaticFile(root, req.url ?? '/');
  if (!file) {
    res.writeHead(404).end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
