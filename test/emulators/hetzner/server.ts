import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Machines } from '../gce/machines.js';
import { IMAGES, LOCATIONS, SERVER_TYPES } from './catalog.js';
import { HetznerFault, invalidInput, notFound, sendFault, sendJson } from './errors.js';
import { hostKeyFromUserData, installHostKeyScript } from '../cloud-init-host-key.js';

export interface HetznerEmulatorOptions {
  /** Requests allowed in a full bucket (Hetzner: 3600), refilled `refillPerSecond` a second. */
  rateLimit?: number;
  refillPerSecond?: number;
}

export interface HetznerEmulator {
  /** `http://127.0.0.1:PORT/v1`, the API base. */
  endpoint: string;
  /** The one API token the emulator accepts (64 letters and digits, like Hetzner's). */
  token: string;
  /** The rig container of a server, by server name (tests inspect machines out of band). */
  containerName(serverName: string): string;
  /** Stops serving and removes every container this emulator made. */
  close(): Promise<void>;
}

type Labels = Record<string, string>;
interface Action {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  started: string;
  finished: string | null;
  resources: { id: number; type: string }[];
  error: { code: string; message: string } | null;
}
interface Server {
  id: number;
  name: string;
  status: string;
  created: string;
  labels: Labels;
  server_type: (typeof SERVER_TYPES)[number];
  image: string;
  location: string;
  address: string;
  firewalls: number[];
  container: string;
}
interface Firewall {
  id: number;
  name: string;
  labels: Labels;
  rules: unknown[];
  applied_to: { type: 'server'; server: { id: number } }[];
  created: string;
}
interface SshKey {
  id: number;
  name: string;
  labels: Labels;
  public_key: string;
  fingerprint: string;
  created: string;
}

/** `k=v,k2,!k3`: the subset of Hetzner's label selector syntax Crossdock needs. */
function matchesSelector(labels: Labels, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=') as [string, string | undefined];
    if (key.startsWith('!')) return !(key.slice(1) in labels);
    return value === undefined ? key in labels : labels[key] === value;
  });
}

/**
 * A Hetzner Cloud API emulator on 127.0.0.1 (the endpoints Crossdock calls), whose servers are
 * rig machines (see README.md `## Hetzner`): bearer auth, `page`/`per_page` pagination with
 * `meta.pagination`, actions that run and then succeed, documented error bodies, and
 * rate limiting with the RateLimit-* headers and 429 `rate_limit_exceeded`.
 */
export async function startHetznerEmulator(options: HetznerEmulatorOptions = {}): Promise<HetznerEmulator> {
  const token = randomBytes(32).toString('hex');
  const machines = new Machines(randomBytes(6).toString('hex'), { kind: 'hetzner', first: 190, last: 199 });
  await machines.removeOrphans();
  const limit = options.rateLimit ?? 3600;
  const refill = options.refillPerSecond ?? 1;
  let remaining = limit;
  let lastRefill = Date.now();
  let nextId = 1000;
  const servers = new Map<number, Server>();
  const firewalls = new Map<number, Firewall>();
  const sshKeys = new Map<number, SshKey>();
  const actions = new Map<number, Action>();
  const pending = new Set<Promise<unknown>>();
  const now = () => new Date().toISOString();
  const containerOf = (name: string) => `crossdock-hetzner-${name}`;

  /** An action that is `running` until `work` settles. */
  function runAction(command: string, resource: { id: number; type: string }, work: () => Promise<void>): Action {
    const action: Action = {
      id: nextId++,
      command,
      status: 'running',
      progress: 0,
      started: now(),
      finished: null,
      resources: [resource],
      error: null,
    };
    actions.set(action.id, action);
    const done = work().then(
      () => Object.assign(action, { status: 'success', progress: 100, finished: now() }),
      (error: unknown) =>
        Object.assign(action, {
          status: 'error',
          finished: now(),
          error: { code: 'action_failed', message: error instanceof Error ? error.message : String(error) },
        }),
    );
    pending.add(done);
    void done.finally(() => pending.delete(done));
    return action;
  }

  const serverJson = (s: Server) => ({
    id: s.id,
    name: s.name,
    status: s.status,
    created: s.created,
    labels: s.labels,
    server_type: s.server_type,
    image: { name: s.image, os_flavor: s.image.split('-')[0] },
    datacenter: { name: `${s.location}-dc1`, location: LOCATIONS.find((l) => l.name === s.location) },
    public_net: {
      ipv4: { ip: s.address, blocked: false },
      ipv6: null,
      firewalls: s.firewalls.map((id) => ({ id, status: 'applied' })),
    },
  });

  const findServer = (id: string): Server => {
    const server = servers.get(Number(id));
    if (!server) throw notFound(`server with ID '${id}'`);
    return server;
  };

  /** Boots the rig machine: sshd up, the user data's host key installed, root's keys granted. */
  async function boot(server: Server, keys: string[], userData: string | undefined): Promise<void> {
    await machines.create(server.container, server.name, server.address);
    await machines.waitForSsh(server.address);
    await machines.grantKeys(
      server.container,
      keys.map((key) => ({ user: 'root', key })),
    );
    const hostKey = hostKeyFromUserData(userData);
    if (hostKey) {
      await machines.exec(server.container, ['sh', '-c', installHostKeyScript(hostKey)]);
      // sshd is PID 1: SIGHUP makes it re-exec and read its keys and config again.
      await machines.exec(server.container, ['kill', '-HUP', '1']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await machines.waitForSsh(server.address);
    }
    server.status = 'running';
  }

  function list<T>(key: string, items: T[], query: URLSearchParams): unknown {
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 25) || 25, 1), 50);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
    return {
      [key]: items.slice((page - 1) * perPage, page * perPage),
      meta: {
        pagination: {
          page,
          per_page: perPage,
          previous_page: page > 1 ? page - 1 : null,
          next_page: page < lastPage ? page + 1 : null,
          last_page: lastPage,
          total_entries: items.length,
        },
      },
    };
  }

  const filtered = <T extends { name: string; labels: Labels }>(items: Iterable<T>, query: URLSearchParams): T[] =>
    [...items].filter(
      (item) =>
        (!query.get('name') || item.name === query.get('name')) &&
        matchesSelector(item.labels, query.get('label_selector')),
    );

  async function route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>) {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/locations') return [200, list('locations', LOCATIONS, query)];
    if (method === 'GET' && path === '/server_types') return [200, list('server_types', SERVER_TYPES, query)];
    if (method === 'GET' && (m = /^\/actions\/(\d+)$/.exec(path))) {
      const action = actions.get(Number(m[1]));
      if (!action) throw notFound(`action with ID '${m[1]}'`);
      return [200, { action }];
    }
    // Servers
    if (method === 'GET' && path === '/servers')
      return [200, list('servers', filtered(servers.values(), query).map(serverJson), query)];
    if (method === 'GET' && (m = /^\/servers\/(\d+)$/.exec(path)))
      return [200, { server: serverJson(findServer(m[1]!)) }];
    if (method === 'POST' && path === '/servers') return createServerRoute(body);
    if (method === 'DELETE' && (m = /^\/servers\/(\d+)$/.exec(path))) {
      const server = findServer(m[1]!);
      server.status = 'deleting';
      const action = runAction('delete_server', { id: server.id, type: 'server' }, async () => {
        await machines.remove(server.container, server.address);
        servers.delete(server.id);
        for (const firewall of firewalls.values())
          firewall.applied_to = firewall.applied_to.filter((a) => a.server.id !== server.id);
      });
      return [200, { action }];
    }
    if (method === 'POST' && (m = /^\/servers\/(\d+)\/actions\/(poweron|poweroff|shutdown)$/.exec(path))) {
      const server = findServer(m[1]!);
      const verb = m[2]!;
      if (verb === 'poweron') {
        server.status = 'starting';
        const action = runAction('start_server', { id: server.id, type: 'server' }, async () => {
          await machines.start(server.container);
          await machines.waitForSsh(server.address);
          server.status = 'running';
        });
        return [201, { action }];
      }
      server.status = 'stopping';
      const action = runAction(
        `${verb === 'shutdown' ? 'shutdown' : 'stop'}_server`,
        { id: server.id, type: 'server' },
        async () => {
          await machines.stop(server.container);
          server.status = 'off';
        },
      );
      return [201, { action }];
    }
    // Firewalls
    if (method === 'GET' && path === '/firewalls')
      return [200, list('firewalls', filtered(firewalls.values(), query), query)];
    if (method === 'POST' && path === '/firewalls') {
      const name = String(body.name ?? '');
      if (!name) throw invalidInput("invalid input in field 'name'");
      if ([...firewalls.values()].some((f) => f.name === name))
        throw new HetznerFault(409, 'uniqueness_error', 'firewall with the same name already exists');
      const firewall: Firewall = {
        id: nextId++,
        name,
        labels: (body.labels as Labels) ?? {},
        rules: (body.rules as unknown[]) ?? [],
        applied_to: [],
        created: now(),
      };
      firewalls.set(firewall.id, firewall);
      return [201, { firewall, actions: [] }];
    }
    if (method === 'DELETE' && (m = /^\/firewalls\/(\d+)$/.exec(path))) {
      const firewall = firewalls.get(Number(m[1]));
      if (!firewall) throw notFound(`firewall with ID '${m[1]}'`);
      if (firewall.applied_to.length > 0)
        throw new HetznerFault(422, 'resource_in_use', 'firewall is still applied to a resource');
      firewalls.delete(firewall.id);
      return [204, {}];
    }
    // SSH keys
    if (method === 'GET' && path === '/ssh_keys')
      return [200, list('ssh_keys', filtered(sshKeys.values(), query), query)];
    if (method === 'POST' && path === '/ssh_keys') {
      const name = String(body.name ?? '');
      const publicKey = String(body.public_key ?? '').trim();
      if (!name || !/^ssh-[a-z0-9-]+ [A-Za-z0-9+/=]+/.test(publicKey))
        throw invalidInput("invalid input in fields 'name', 'public_key'");
      if ([...sshKeys.values()].some((k) => k.name === name || k.public_key === publicKey))
        throw new HetznerFault(409, 'uniqueness_error', 'SSH key with the same name or public key already exists');
      const key: SshKey = {
        id: nextId++,
        name,
        labels: (body.labels as Labels) ?? {},
        public_key: publicKey,
        fingerprint: '',
        created: now(),
      };
      sshKeys.set(key.id, key);
      return [201, { ssh_key: key }];
    }
    if (method === 'DELETE' && (m = /^\/ssh_keys\/(\d+)$/.exec(path))) {
      if (!sshKeys.delete(Number(m[1]))) throw notFound(`SSH key with ID '${m[1]}'`);
      return [204, {}];
    }
    throw new HetznerFault(404, 'not_found', `no route ${method} ${path}`);
  }

  function createServerRoute(body: Record<string, unknown>): [number, unknown] {
    const name = String(body.name ?? '');
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,61}[a-zA-Z0-9])?$/.test(name))
      throw invalidInput("invalid input in field 'name'");
    if ([...servers.values()].some((s) => s.name === name))
      throw new HetznerFault(409, 'uniqueness_error', 'server name is already used');
    const serverType = SERVER_TYPES.find((t) => t.name === body.server_type);
    if (!serverType) throw invalidInput(`server type '${String(body.server_type)}' not found`);
    if (!IMAGES.includes(String(body.image))) throw invalidInput(`image '${String(body.image)}' not found`);
    const location = String(body.location ?? 'fsn1');
    if (!LOCATIONS.some((l) => l.name === location)) throw invalidInput(`location '${location}' not found`);
    const keys = ((body.ssh_keys as unknown[]) ?? []).map((ref) => {
      const key = [...sshKeys.values()].find((k) => k.id === ref || k.name === ref);
      if (!key) throw invalidInput(`SSH key '${String(ref)}' not found`);
      return key.public_key;
    });
    const firewallIds = ((body.firewalls as { firewall: number }[]) ?? []).map(({ firewall }) => {
      if (!firewalls.has(firewall)) throw invalidInput(`firewall '${firewall}' not found`);
      return firewall;
    });
    const server: Server = {
      id: nextId++,
      name,
      status: 'initializing',
      created: now(),
      labels: (body.labels as Labels) ?? {},
      server_type: serverType,
      image: String(body.image),
      location,
      address: '',
      firewalls: firewallIds,
      container: containerOf(name),
    };
    servers.set(server.id, server);
    for (const id of firewallIds) firewalls.get(id)!.applied_to.push({ type: 'server', server: { id: server.id } });
    const action = runAction('create_server', { id: server.id, type: 'server' }, async () => {
      server.address = await machines.allocateAddress();
      await boot(server, keys, typeof body.user_data === 'string' ? body.user_data : undefined);
    });
    return [201, { server: serverJson(server), action, next_actions: [], root_password: null }];
  }

  /** Takes one request from the bucket; false when it is empty. */
  function takeToken(response: ServerResponse): boolean {
    const elapsed = (Date.now() - lastRefill) / 1000;
    remaining = Math.min(limit, remaining + elapsed * refill);
    lastRefill = Date.now();
    const allowed = remaining >= 1;
    if (allowed) remaining -= 1;
    response.setHeader('RateLimit-Limit', String(limit));
    response.setHeader('RateLimit-Remaining', String(Math.floor(remaining)));
    response.setHeader('RateLimit-Reset', String(Math.ceil(Date.now() / 1000 + (limit - remaining) / refill)));
    return allowed;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    if (request.headers.authorization !== `Bearer ${token}`)
      return sendFault(response, new HetznerFault(401, 'unauthorized', 'unable to authenticate'));
    if (!takeToken(response))
      return sendFault(
        response,
        new HetznerFault(429, 'rate_limit_exceeded', 'limit of 3600 requests per hour reached'),
      );
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return sendFault(response, new HetznerFault(400, 'json_error', 'invalid JSON in the request body'));
      }
    }
    if (!url.pathname.startsWith('/v1/')) return sendFault(response, notFound(url.pathname));
    try {
      const [status, answer] = (await route(
        request.method ?? 'GET',
        url.pathname.slice(3),
        url.searchParams,
        body,
      )) as [number, unknown];
      sendJson(response, status, answer);
    } catch (error) {
      if (error instanceof HetznerFault) return sendFault(response, error);
      sendFault(
        response,
        new HetznerFault(500, 'server_error', error instanceof Error ? error.message : String(error)),
      );
    }
  }

  const http = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const { port } = http.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1`,
    token,
    containerName: containerOf,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await Promise.allSettled([...pending]);
      await machines.removeAll();
    },
  };
}
