import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostKeyFromUserData, installHostKeyScript } from '../cloud-init-host-key.js';
import { Machines } from '../gce/machines.js';
import { IMAGES, REGIONS, SIZES } from './catalog.js';
import { DigitalOceanFault, notFound, sendFault, sendJson, unprocessable } from './errors.js';

export interface DigitalOceanEmulatorOptions {
  /** Requests allowed in a full bucket (DigitalOcean: 5000 an hour), refilled `refillPerSecond` a second. */
  rateLimit?: number;
  refillPerSecond?: number;
}

export interface DigitalOceanEmulator {
  /** `http://127.0.0.1:PORT/v2`, the API base. */
  endpoint: string;
  /** The one token the emulator accepts (`dop_v1_` and 64 hex digits, like DigitalOcean's). */
  token: string;
  /** The rig container of a droplet, by droplet name (tests inspect machines out of band). */
  containerName(dropletName: string): string;
  /** Stops serving and removes every container this emulator made. */
  close(): Promise<void>;
}

interface Action {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  started_at: string;
  completed_at: string | null;
  resource_id: number;
  resource_type: 'droplet';
  region_slug: string;
}
interface Droplet {
  id: number;
  name: string;
  status: 'new' | 'active' | 'off';
  created_at: string;
  size: (typeof SIZES)[number];
  image: string;
  region: string;
  tags: string[];
  address: string;
  container: string;
  /** The action in progress, if any: DigitalOcean refuses another one (the droplet is `locked`). */
  busy: Action | null;
  /** The last action's work, settled or not: a destroy runs after it. */
  last: Promise<unknown>;
  /** Deleted and being destroyed: still answered until its machine is gone, so a client has to wait for the 404. */
  deleting: boolean;
}
interface Firewall {
  id: string;
  name: string;
  status: 'succeeded';
  inbound_rules: unknown[];
  outbound_rules: unknown[];
  droplet_ids: number[];
  tags: string[];
  created_at: string;
  pending_changes: unknown[];
}
interface SshKey {
  id: number;
  name: string;
  public_key: string;
  fingerprint: string;
}

const TAG = /^[a-zA-Z0-9_:-]{1,255}$/;
const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,253}[a-zA-Z0-9])?$/;
const FIREWALL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9.-]+$/;

/** MD5 of the key blob, colon-separated: how DigitalOcean prints an SSH key's fingerprint. */
function md5Fingerprint(publicKey: string): string {
  const blob = Buffer.from(publicKey.split(/\s+/)[1] ?? '', 'base64');
  return createHash('md5').update(blob).digest('hex').match(/../g)?.join(':') ?? '';
}

/**
 * A DigitalOcean API v2 emulator on 127.0.0.1 (the endpoints Crossdock calls), whose droplets
 * are rig machines (see README.md `## DigitalOcean`): bearer auth, `page`/`per_page` pagination
 * with `links.pages` and `meta.total`, actions that are in progress and then complete, error
 * bodies `{id, message, request_id}`, and rate limiting with the RateLimit-* headers and 429.
 */
export async function startDigitalOceanEmulator(
  options: DigitalOceanEmulatorOptions = {},
): Promise<DigitalOceanEmulator> {
  const token = `dop_v1_${randomBytes(32).toString('hex')}`;
  const machines = new Machines(randomBytes(6).toString('hex'), { kind: 'digitalocean', first: 200, last: 209 });
  await machines.removeOrphans();
  const limit = options.rateLimit ?? 5000;
  const refill = options.refillPerSecond ?? 5000 / 3600;
  let remaining = limit;
  let lastRefill = Date.now();
  let nextId = 3_000_000;
  let base = '';
  const droplets = new Map<number, Droplet>();
  const firewalls = new Map<string, Firewall>();
  const sshKeys = new Map<number, SshKey>();
  /** Tags made explicitly or by naming them on a droplet; they stay until deleted, as on DigitalOcean. */
  const tags = new Set<string>();
  const actions = new Map<number, Action>();
  const pending = new Set<Promise<unknown>>();
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const containerOf = (name: string) => `crossdock-digitalocean-${name}`;

  /** An action that is `in-progress` until `work` settles; the droplet is locked meanwhile. */
  function runAction(type: string, droplet: Droplet, work: () => Promise<void>): Action {
    const action: Action = {
      id: nextId++,
      status: 'in-progress',
      type,
      started_at: now(),
      completed_at: null,
      resource_id: droplet.id,
      resource_type: 'droplet',
      region_slug: droplet.region,
    };
    actions.set(action.id, action);
    droplet.busy = action;
    const done = droplet.last.then(work).then(
      () => Object.assign(action, { status: 'completed', completed_at: now() }),
      () => Object.assign(action, { status: 'errored', completed_at: now() }),
    );
    const settled = done.finally(() => {
      if (droplet.busy === action) droplet.busy = null;
      pending.delete(settled);
    });
    droplet.last = settled;
    pending.add(settled);
    return action;
  }

  const dropletJson = (d: Droplet) => {
    const image = IMAGES[d.image]!;
    return {
      id: d.id,
      name: d.name,
      memory: d.size.memory,
      vcpus: d.size.vcpus,
      disk: d.size.disk,
      locked: d.busy !== null,
      status: d.status,
      kernel: null,
      created_at: d.created_at,
      features: ['droplet_agent'],
      backup_ids: [],
      next_backup_window: null,
      snapshot_ids: [],
      image: {
        id: image.id,
        name: image.name,
        distribution: image.distribution,
        slug: d.image,
        public: true,
        regions: REGIONS.map((r) => r.slug),
        type: 'base',
        status: 'available',
      },
      volume_ids: [],
      size: d.size,
      size_slug: d.size.slug,
      // The address is assigned while the droplet is being created, as on DigitalOcean.
      networks: {
        v4: d.address
          ? [{ ip_address: d.address, netmask: '255.255.255.0', gateway: '10.213.0.1', type: 'public' }]
          : [],
        v6: [],
      },
      region: REGIONS.find((r) => r.slug === d.region),
      tags: d.tags,
      vpc_uuid: '5a4981aa-9653-4bd1-bef5-d6bff52042e4',
    };
  };

  const findDroplet = (id: string): Droplet => {
    const droplet = droplets.get(Number(id));
    if (!droplet) throw notFound();
    return droplet;
  };

  /** Boots the rig machine: sshd up, root's keys granted, the user data's host key installed. */
  async function boot(droplet: Droplet, keys: string[], userData: string | undefined): Promise<void> {
    droplet.address = await machines.allocateAddress();
    await machines.create(droplet.container, droplet.name, droplet.address);
    await machines.waitForSsh(droplet.address);
    await machines.grantKeys(
      droplet.container,
      keys.map((key) => ({ user: 'root', key })),
    );
    const hostKey = hostKeyFromUserData(userData);
    if (hostKey) {
      await machines.exec(droplet.container, ['sh', '-c', installHostKeyScript(hostKey)]);
      // sshd is PID 1: SIGHUP makes it re-exec and read its keys and config again.
      await machines.exec(droplet.container, ['kill', '-HUP', '1']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await machines.waitForSsh(droplet.address);
    }
    droplet.status = 'active';
  }

  /** One page of a list, with DigitalOcean's absolute `links.pages` and `meta.total`. */
  function list<T>(key: string, path: string, items: T[], query: URLSearchParams): unknown {
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 20) || 20, 1), 200);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number) => {
      const q = new URLSearchParams(query);
      q.set('page', String(p));
      q.set('per_page', String(perPage));
      return `${base}${path}?${q.toString()}`;
    };
    const pages: Record<string, string> = {};
    if (page > 1) Object.assign(pages, { first: link(1), prev: link(page - 1) });
    if (page < last) Object.assign(pages, { next: link(page + 1), last: link(last) });
    return {
      [key]: items.slice((page - 1) * perPage, page * perPage),
      links: { pages },
      meta: { total: items.length },
    };
  }

  const tagJson = (name: string) => {
    const count = [...droplets.values()].filter((d) => d.tags.includes(name)).length;
    return {
      name,
      resources: {
        count,
        droplets: { count },
        images: { count: 0 },
        volumes: { count: 0 },
        volume_snapshots: { count: 0 },
        databases: { count: 0 },
      },
    };
  };

  async function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): Promise<[number, unknown]> {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/account')
      return [
        200,
        {
          account: {
            droplet_limit: 25,
            floating_ip_limit: 3,
            email: 'crossdock@emulator.test',
            uuid: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef',
            email_verified: true,
            status: 'active',
            status_message: '',
          },
        },
      ];
    if (method === 'GET' && path === '/regions') return [200, list('regions', path, REGIONS, query)];
    if (method === 'GET' && path === '/sizes') return [200, list('sizes', path, SIZES, query)];
    if (method === 'GET' && (m = /^\/actions\/(\d+)$/.exec(path))) {
      const action = actions.get(Number(m[1]));
      if (!action) throw notFound();
      return [200, { action }];
    }
    // Droplets
    if (method === 'GET' && path === '/droplets') {
      const tag = query.get('tag_name');
      const name = query.get('name');
      const found = [...droplets.values()].filter((d) => (!tag || d.tags.includes(tag)) && (!name || d.name === name));
      return [200, list('droplets', path, found.map(dropletJson), query)];
    }
    if (method === 'GET' && (m = /^\/droplets\/(\d+)$/.exec(path)))
      return [200, { droplet: dropletJson(findDroplet(m[1]!)) }];
    if (method === 'POST' && path === '/droplets') return createDroplet(body);
    if (method === 'DELETE' && (m = /^\/droplets\/(\d+)$/.exec(path))) {
      const droplet = findDroplet(m[1]!);
      if (droplet.deleting) return [204, {}];
      droplet.deleting = true;
      // 204 at once; the droplet is destroyed in the background (a `destroy` action) and stays
      // listed, locked, until it is gone.
      runAction('destroy', droplet, async () => {
        // A droplet whose boot failed may have no container.
        await machines.remove(droplet.container, droplet.address).catch(() => undefined);
        droplets.delete(droplet.id);
        for (const firewall of firewalls.values())
          firewall.droplet_ids = firewall.droplet_ids.filter((id) => id !== droplet.id);
      });
      return [204, {}];
    }
    if (method === 'POST' && (m = /^\/droplets\/(\d+)\/actions$/.exec(path))) {
      const droplet = findDroplet(m[1]!);
      const type = String(body.type ?? '');
      if (droplet.busy) throw unprocessable('Droplet already has a pending event.');
      if (type === 'power_on') {
        const action = runAction('power_on', droplet, async () => {
          await machines.start(droplet.container);
          await machines.waitForSsh(droplet.address);
          droplet.status = 'active';
        });
        return [201, { action }];
      }
      if (type === 'power_off' || type === 'shutdown') {
        const action = runAction(type, droplet, async () => {
          await machines.stop(droplet.container);
          droplet.status = 'off';
        });
        return [201, { action }];
      }
      throw unprocessable(`'${type}' is not a droplet action type this emulator knows`);
    }
    // Firewalls
    if (method === 'GET' && path === '/firewalls')
      return [200, list('firewalls', path, [...firewalls.values()], query)];
    if (method === 'GET' && (m = /^\/firewalls\/([0-9a-f-]{36})$/.exec(path))) {
      const firewall = firewalls.get(m[1]!);
      if (!firewall) throw notFound();
      return [200, { firewall }];
    }
    if (method === 'POST' && path === '/firewalls') {
      const name = String(body.name ?? '');
      if (!FIREWALL_NAME.test(name))
        throw unprocessable('name must contain only alphanumeric characters, dashes, and periods');
      const inbound = (body.inbound_rules as unknown[] | undefined) ?? [];
      const outbound = (body.outbound_rules as unknown[] | undefined) ?? [];
      if (inbound.length + outbound.length === 0) throw unprocessable('must have at least one rule');
      const ids = (body.droplet_ids as number[] | undefined) ?? [];
      for (const id of ids) if (!droplets.has(id)) throw unprocessable(`droplet ${id} does not exist`);
      const firewall: Firewall = {
        id: randomUUID(),
        name,
        status: 'succeeded',
        inbound_rules: inbound,
        outbound_rules: outbound,
        droplet_ids: ids,
        tags: [],
        created_at: now(),
        pending_changes: [],
      };
      firewalls.set(firewall.id, firewall);
      return [202, { firewall }];
    }
    if (method === 'DELETE' && (m = /^\/firewalls\/([0-9a-f-]{36})$/.exec(path))) {
      if (!firewalls.delete(m[1]!)) throw notFound();
      return [204, {}];
    }
    // SSH keys
    if (method === 'GET' && path === '/account/keys')
      return [200, list('ssh_keys', path, [...sshKeys.values()], query)];
    if (method === 'POST' && path === '/account/keys') {
      const name = String(body.name ?? '');
      const publicKey = String(body.public_key ?? '').trim();
      if (!name) throw unprocessable('Name is required');
      if (!/^ssh-[a-z0-9-]+ [A-Za-z0-9+/=]+/.test(publicKey))
        throw unprocessable('Key invalid type, we support rsa, ecdsa, ed25519');
      if ([...sshKeys.values()].some((k) => k.public_key === publicKey))
        throw unprocessable('SSH Key is already in use on your account');
      const key: SshKey = { id: nextId++, name, public_key: publicKey, fingerprint: md5Fingerprint(publicKey) };
      sshKeys.set(key.id, key);
      return [201, { ssh_key: key }];
    }
    if (method === 'DELETE' && (m = /^\/account\/keys\/(\d+)$/.exec(path))) {
      if (!sshKeys.delete(Number(m[1]))) throw notFound();
      return [204, {}];
    }
    // Tags
    if (method === 'GET' && path === '/tags') return [200, list('tags', path, [...tags].map(tagJson), query)];
    if (method === 'POST' && path === '/tags') {
      const name = String(body.name ?? '');
      if (!TAG.test(name))
        throw unprocessable('tag name must contain only letters, numbers, colons, dashes and underscores');
      tags.add(name);
      return [201, { tag: tagJson(name) }];
    }
    if ((m = /^\/tags\/([^/]+)$/.exec(path))) {
      const name = decodeURIComponent(m[1]!);
      if (!tags.has(name)) throw notFound();
      if (method === 'GET') return [200, { tag: tagJson(name) }];
      if (method === 'DELETE') {
        // Deleting a tag untags everything that had it.
        tags.delete(name);
        for (const droplet of droplets.values()) droplet.tags = droplet.tags.filter((t) => t !== name);
        return [204, {}];
      }
    }
    throw notFound();
  }

  function createDroplet(body: Record<string, unknown>): [number, unknown] {
    const name = String(body.name ?? '');
    if (!HOSTNAME.test(name))
      throw unprocessable('Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)');
    const size = SIZES.find((s) => s.slug === body.size);
    if (!size) throw unprocessable('You specified an invalid size for Droplet creation.');
    const image = String(body.image ?? '');
    if (!IMAGES[image]) throw unprocessable('You specified an invalid image for Droplet creation.');
    const region = String(body.region ?? 'nyc3');
    if (!REGIONS.some((r) => r.slug === region))
      throw unprocessable('You specified an invalid region for Droplet creation.');
    if (!size.regions.includes(region)) throw unprocessable(`Size is not available in this region.`);
    if (typeof body.user_data === 'string' && Buffer.byteLength(body.user_data) > 64 * 1024)
      throw unprocessable('user_data must not exceed 64 KiB');
    const dropletTags = ((body.tags as unknown[] | null | undefined) ?? []).map(String);
    for (const tag of dropletTags) if (!TAG.test(tag)) throw unprocessable(`invalid tag name '${tag}'`);
    const keys = ((body.ssh_keys as unknown[] | undefined) ?? []).map((ref) => {
      const key = [...sshKeys.values()].find((k) => k.id === ref || k.fingerprint === ref);
      if (!key) throw unprocessable(`ssh_key ${String(ref)} not found`);
      return key.public_key;
    });
    const droplet: Droplet = {
      id: nextId++,
      name,
      status: 'new',
      created_at: now(),
      size,
      image,
      region,
      tags: [...new Set(dropletTags)],
      address: '',
      container: containerOf(name),
      busy: null,
      last: Promise.resolve(),
      deleting: false,
    };
    for (const tag of droplet.tags) tags.add(tag);
    droplets.set(droplet.id, droplet);
    const action = runAction('create', droplet, () =>
      boot(droplet, keys, typeof body.user_data === 'string' ? body.user_data : undefined),
    );
    return [
      202,
      {
        droplet: dropletJson(droplet),
        links: { actions: [{ id: action.id, rel: 'create', href: `${base}/actions/${action.id}` }] },
      },
    ];
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
    // When the bucket is full again: DigitalOcean's "the oldest request expires" for a sliding hour.
    response.setHeader('RateLimit-Reset', String(Math.ceil(Date.now() / 1000 + (limit - remaining) / refill)));
    if (!allowed) response.setHeader('Retry-After', String(Math.max(1, Math.ceil((1 - remaining) / refill))));
    return allowed;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://emulator');
    if (request.headers.authorization !== `Bearer ${token}`)
      return sendFault(response, new DigitalOceanFault(401, 'unauthorized', 'Unable to authenticate you'), requestId);
    if (!takeToken(response))
      return sendFault(
        response,
        new DigitalOceanFault(429, 'too_many_requests', 'API Rate limit exceeded.'),
        requestId,
      );
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return sendFault(
          response,
          new DigitalOceanFault(400, 'bad_request', 'unexpected end of JSON input'),
          requestId,
        );
      }
    }
    if (!url.pathname.startsWith('/v2/')) return sendFault(response, notFound(), requestId);
    try {
      const [status, answer] = await route(request.method ?? 'GET', url.pathname.slice(3), url.searchParams, body);
      sendJson(response, status, answer);
    } catch (error) {
      if (error instanceof DigitalOceanFault) return sendFault(response, error, requestId);
      sendFault(
        response,
        new DigitalOceanFault(500, 'server_error', error instanceof Error ? error.message : String(error)),
        requestId,
      );
    }
  }

  const http = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const { port } = http.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/v2`;
  return {
    endpoint: base,
    token,
    containerName: containerOf,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await Promise.allSettled([...pending]);
      await machines.removeAll();
    },
  };
}
