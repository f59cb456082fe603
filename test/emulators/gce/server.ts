import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GceError, invalid, notFound, sendError } from './errors.js';
import { Firewalls } from './firewalls.js';
import { Instances } from './instances.js';
import { Machines } from './machines.js';
import { ServiceAccount, type ServiceAccountJson } from './oauth.js';
import { Operations } from './operations.js';
import { readCatalog } from './read-catalog.js';
import { listSkus } from './billing-catalog.js';

/** Options of {@link startGceEmulator}. */
export interface GceEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Project id the service account belongs to (default `crossdock-emulator`). */
  project?: string;
  /** Longest time `operations.wait` blocks (Google's is 2 minutes; default 30 s). */
  waitTimeoutMs?: number;
  /** Most SKUs per Billing Catalog page, below the asked pageSize (default 5000, Google's cap). */
  skuPageSize?: number;
}

/** A running emulator. */
export interface GceEmulator {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Host and port for the SDK's `apiEndpoint` / `port` options. */
  host: string;
  port: number;
  project: string;
  /** A service-account key file; its private key is the only one the emulator accepts. */
  serviceAccountJson: ServiceAccountJson;
  /** Instances' container names (tests inspect machines out of band). */
  containerName(zone: string, instance: string): string;
  /** Stops serving and removes every container this emulator made. */
  close(): Promise<void>;
}

type Route = (match: RegExpExecArray, body: Record<string, unknown>, query: URLSearchParams) => unknown;

/**
 * Starts a Compute Engine emulator speaking the v1 REST API on 127.0.0.1, whose instances are
 * rig machines (see README.md `## GCE`). Nothing about it is visible to a client but the
 * endpoint and the service-account key.
 */
export async function startGceEmulator(options: GceEmulatorOptions = {}): Promise<GceEmulator> {
  const project = options.project ?? 'crossdock-emulator';
  const waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
  const machines = new Machines(randomBytes(6).toString('hex'));
  await machines.removeOrphans();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const account = new ServiceAccount(project, endpoint);
  // Resource URLs use the emulator's own address, like selfLinks on Google use Google's.
  const projectUrl = `${endpoint}/compute/v1/projects/${project}`;
  const projectPath = `projects/${project}`;
  const operations = new Operations(account.json.client_email);
  const instances = new Instances(projectUrl, projectPath, operations, machines);
  const firewalls = new Firewalls(projectUrl, projectPath, operations);
  const zoneScope = (zone: string) => ({ projectUrl, zone });
  const globalScope = { projectUrl };

  const p = `^/compute/v1/projects/${project}`;
  const routes: [string, RegExp, Route][] = [
    ['POST', new RegExp(`${p}/zones/([^/]+)/instances$`), (m, body) => instances.insert(m[1]!, body)],
    [
      'GET',
      new RegExp(`${p}/zones/([^/]+)/instances$`),
      (m, _b, q) => instances.list(m[1]!, q.get('filter') ?? undefined),
    ],
    [
      'GET',
      new RegExp(`${p}/aggregated/instances$`),
      (_m, _b, q) => instances.aggregatedList(q.get('filter') ?? undefined),
    ],
    ['GET', new RegExp(`${p}/zones/([^/]+)/instances/([^/]+)$`), (m) => instances.get(m[1]!, m[2]!)],
    ['DELETE', new RegExp(`${p}/zones/([^/]+)/instances/([^/]+)$`), (m) => instances.delete(m[1]!, m[2]!)],
    ['POST', new RegExp(`${p}/zones/([^/]+)/instances/([^/]+)/start$`), (m) => instances.start(m[1]!, m[2]!)],
    ['POST', new RegExp(`${p}/zones/([^/]+)/instances/([^/]+)/stop$`), (m) => instances.stop(m[1]!, m[2]!)],
    [
      'GET',
      new RegExp(`${p}/zones/([^/]+)/instances/([^/]+)/serialPort$`),
      (m, _b, q) => instances.serialPort(m[1]!, m[2]!, Number(q.get('start') ?? 0)),
    ],
    ['GET', new RegExp(`${p}/zones/([^/]+)/operations/([^/]+)$`), (m) => operations.get(zoneScope(m[1]!), m[2]!)],
    [
      'POST',
      new RegExp(`${p}/zones/([^/]+)/operations/([^/]+)/wait$`),
      (m) => operations.wait(zoneScope(m[1]!), m[2]!, waitTimeoutMs),
    ],
    ['GET', new RegExp(`${p}/global/operations/([^/]+)$`), (m) => operations.get(globalScope, m[1]!)],
    [
      'POST',
      new RegExp(`${p}/global/operations/([^/]+)/wait$`),
      (m) => operations.wait(globalScope, m[1]!, waitTimeoutMs),
    ],
    ['POST', new RegExp(`${p}/global/firewalls$`), (_m, body) => firewalls.insert(body)],
    ['GET', new RegExp(`${p}/global/firewalls$`), (_m, _b, q) => firewalls.list(q.get('filter') ?? undefined)],
    ['GET', new RegExp(`${p}/global/firewalls/([^/]+)$`), (m) => firewalls.get(m[1]!)],
    ['DELETE', new RegExp(`${p}/global/firewalls/([^/]+)$`), (m) => firewalls.delete(m[1]!)],
  ];

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      sendError(res, error instanceof GceError ? error : new GceError(500, 'backendError', String(error)));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', endpoint);
    const text = await readBody(req);
    if (url.pathname === '/token' && req.method === 'POST') return account.handleToken(text, res);
    const refusal = account.authenticate(req);
    if (refusal) return sendError(res, refusal);
    let body: Record<string, unknown> = {};
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw invalid('Invalid JSON payload received.');
      }
    }
    const path = decodeURIComponent(url.pathname);
    for (const [method, pattern, route] of routes) {
      const match = pattern.exec(path);
      if (match && method === req.method) return sendJson(res, await route(match, body, url.searchParams));
    }
    if (req.method === 'GET') {
      const skus = listSkus(path, url.searchParams, options.skuPageSize ?? 5000);
      if (skus !== undefined) return sendJson(res, skus);
    }
    const catalogAnswer = readCatalog(req.method ?? 'GET', path, projectUrl, endpoint);
    if (catalogAnswer !== undefined) return sendJson(res, catalogAnswer);
    throw notFound(path.replace(/^\/compute\/v1\//, ''));
  }

  return {
    endpoint,
    host: '127.0.0.1',
    port,
    project,
    serviceAccountJson: account.json,
    containerName: (zone, instance) => instances.containerName(zone, instance),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await operations.settle();
      await machines.removeAll();
    },
  };
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1 << 20) throw invalid('Request payload too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
