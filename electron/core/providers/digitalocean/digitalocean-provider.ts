import { setTimeout as sleep } from 'node:timers/promises';
import { CrossdockError } from '../../../../shared/errors.js';
import { chooseHostKey } from '../chosen-host-key.js';
import type { MachineSpec, Provider, ProviderMachine, RegionOffer } from '../provider.js';
import { IMAGE_SLUGS, sizePicks, toSizeOffers, type DigitalOceanSize } from './catalog.js';
import { DigitalOceanApiError, DigitalOceanClient, type DigitalOceanAction } from './client.js';
import { toCrossdockError } from './errors.js';
import {
  dropletId,
  hostKeyOf,
  hostKeyTag,
  MANAGED_TAG,
  toProviderMachine,
  type DigitalOceanDroplet,
} from './machine.js';

export interface DigitalOceanProviderOptions {
  /** The provider's name in Crossdock (for messages). */
  name: string;
  /** Default region slug (`fra1`, `ams3`, `nyc3`…). */
  region: string;
  token: string;
  /** Another API base (the test emulator). */
  endpoint?: string | undefined;
  actionPollMs?: number;
  /** How long destroy waits for a deleted droplet to be gone before removing its tags (ms). */
  destroyWaitMs?: number;
}

interface DigitalOceanRegion {
  slug: string;
  name: string;
  available: boolean;
}

/** Resources Crossdock creates for one machine carry its name, so destroy finds them without local state. */
function resourceName(machine: string): string {
  return `crossdock-${machine}`;
}

/** Droplet names must be valid hostnames (DigitalOcean refuses `_`). */
const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,253}[a-zA-Z0-9])?$/;

/** All traffic out: a DigitalOcean cloud firewall without outbound rules drops every outgoing packet. */
const OUTBOUND_ALL = (['tcp', 'udp', 'icmp'] as const).map((protocol) => ({
  protocol,
  ports: '0',
  destinations: { addresses: ['0.0.0.0/0', '::/0'] },
}));

/**
 * A {@link Provider} for DigitalOcean over its API v2. Each droplet gets its own cloud firewall
 * (SSH and the spec's ports in, everything out) and SSH key, both named `crossdock-<machine>`;
 * the droplet carries the tag `crossdock` and a `crossdock-hostkey:…` tag with the fingerprint
 * of the host key Crossdock chose and passed in cloud-init user data.
 */
export function createDigitalOceanProvider(options: DigitalOceanProviderOptions): Provider {
  const api = new DigitalOceanClient({
    token: options.token,
    endpoint: options.endpoint,
    ...(options.actionPollMs ? { actionPollMs: options.actionPollMs } : {}),
  });
  const who = `DigitalOcean (${options.name})`;

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toCrossdockError(error, options.name, what);
    }
  }

  const isNotFound = (error: unknown) => error instanceof DigitalOceanApiError && error.status === 404;

  const sizes = (signal?: AbortSignal): Promise<DigitalOceanSize[]> =>
    call('sizes', () => api.list<DigitalOceanSize>('/sizes', 'sizes', signal));
  const regionList = (signal?: AbortSignal): Promise<DigitalOceanRegion[]> =>
    call('regions', () => api.list<DigitalOceanRegion>('/regions', 'regions', signal));

  async function getDroplet(id: string, signal?: AbortSignal): Promise<DigitalOceanDroplet | null> {
    const numeric = dropletId(id);
    if (numeric === null) return null;
    try {
      return (await api.request<{ droplet: DigitalOceanDroplet }>('GET', `/droplets/${numeric}`, undefined, signal))
        .droplet;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw toCrossdockError(error, options.name, `droplet ${id}`);
    }
  }

  async function powerAction(id: string, type: 'power_on' | 'power_off', signal?: AbortSignal) {
    const numeric = dropletId(id);
    if (numeric === null) throw new CrossdockError('NOT_FOUND', `${who}: no droplet ${id}`);
    await call(`droplet ${id}`, async () => {
      const { action } = await api.request<{ action: DigitalOceanAction }>(
        'POST',
        `/droplets/${numeric}/actions`,
        { type },
        signal,
      );
      await api.waitAction(action, signal);
    });
  }

  /** Deletes a tag; one already gone is fine. */
  async function deleteTag(tag: string, signal?: AbortSignal): Promise<void> {
    await api.request('DELETE', `/tags/${encodeURIComponent(tag)}`, undefined, signal).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /**
   * Removes the machine's firewall, SSH key and host key tag, and the `crossdock` tag once nothing
   * carries it. (A droplet created by another laptop in the moment between the count and the
   * delete would lose the tag; its own create call names the tag again, so only a create racing
   * this very call is exposed.)
   */
  async function deleteCompanions(machine: string, tags: string[], signal?: AbortSignal): Promise<void> {
    const name = resourceName(machine);
    await call(`firewall ${name}`, async () => {
      const firewalls = await api.list<{ id: string; name: string }>('/firewalls', 'firewalls', signal);
      for (const firewall of firewalls.filter((f) => f.name === name))
        await api.request('DELETE', `/firewalls/${firewall.id}`, undefined, signal);
    });
    await call(`SSH key ${name}`, async () => {
      const keys = await api.list<{ id: number; name: string }>('/account/keys', 'ssh_keys', signal);
      for (const key of keys.filter((k) => k.name === name))
        await api.request('DELETE', `/account/keys/${key.id}`, undefined, signal);
    });
    await call('tags', async () => {
      for (const tag of tags.filter((t) => t !== MANAGED_TAG)) await deleteTag(tag, signal);
      const managed = await api
        .request<{ tag: { resources: { count: number } } }>('GET', `/tags/${MANAGED_TAG}`, undefined, signal)
        .catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        });
      if (managed && managed.tag.resources.count === 0) await deleteTag(MANAGED_TAG, signal);
    });
  }

  async function pickSize(spec: MachineSpec, region: string, signal?: AbortSignal): Promise<string> {
    if (spec.size !== 'small' && spec.size !== 'medium' && spec.size !== 'large') return spec.size;
    const pick = sizePicks(await sizes(signal), region).get(spec.size);
    if (!pick)
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `${who} offers no ${spec.size} size in ${region}; "crossdock provider sizes" lists them`,
        { provider: options.name },
      );
    return pick;
  }

  async function create(spec: MachineSpec, signal?: AbortSignal): Promise<ProviderMachine> {
    if (!HOSTNAME.test(spec.name))
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `${who} names droplets by hostname: "${spec.name}" may hold only letters, digits, "." and "-"`,
        { provider: options.name },
      );
    const region = spec.region ?? options.region;
    const size = await pickSize(spec, region, signal);
    const name = resourceName(spec.name);
    let droplet: DigitalOceanDroplet | null = null;
    const hostKey = chooseHostKey(spec.name);
    try {
      const key = await call(`SSH key ${name}`, () =>
        api.request<{ ssh_key: { id: number } }>(
          'POST',
          '/account/keys',
          { name, public_key: spec.sshPublicKey },
          signal,
        ),
      );
      droplet = await call(`droplet ${spec.name}`, async () => {
        const answer = await api.request<{ droplet: DigitalOceanDroplet }>(
          'POST',
          '/droplets',
          {
            name: spec.name,
            region,
            size,
            image: IMAGE_SLUGS[spec.os],
            ssh_keys: [key.ssh_key.id],
            tags: [MANAGED_TAG, hostKeyTag(hostKey.fingerprint)],
            user_data: hostKey.userData,
            ipv6: false,
            monitoring: false,
          },
          signal,
        );
        return answer.droplet;
      });
      // The user data (and with it the private host key) goes out of scope here; only the
      // fingerprint stays, in the droplet's tag.
      const created = droplet;
      const ports = [22, ...spec.openPorts.filter((port) => port !== 22)];
      // The firewall comes right after the droplet (it names the droplet); until DigitalOcean
      // applies it the droplet boots with key-only SSH, as every new droplet does.
      await call(`firewall ${name}`, () =>
        api.request(
          'POST',
          '/firewalls',
          {
            name,
            inbound_rules: ports.map((port) => ({
              protocol: 'tcp',
              ports: String(port),
              sources: { addresses: ['0.0.0.0/0', '::/0'] },
            })),
            outbound_rules: OUTBOUND_ALL,
            droplet_ids: [created.id],
          },
          signal,
        ),
      );
      return toProviderMachine(created);
    } catch (error) {
      // Nothing half-made stays behind: the droplet, firewall, key and tags exist only for this machine.
      const made = droplet;
      if (made) await destroyDroplet(made).catch(() => undefined);
      await deleteCompanions(spec.name, [hostKeyTag(hostKey.fingerprint)]).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes the droplet and waits until the API no longer lists it (deletion is asynchronous). */
  async function destroyDroplet(droplet: DigitalOceanDroplet, signal?: AbortSignal): Promise<void> {
    await call(`droplet ${droplet.name}`, () =>
      api.request('DELETE', `/droplets/${droplet.id}`, undefined, signal).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      }),
    );
    const deadline = Date.now() + (options.destroyWaitMs ?? 120_000);
    while ((await getDroplet(String(droplet.id), signal)) !== null) {
      if (Date.now() > deadline)
        throw new CrossdockError(
          'TIMEOUT',
          `${who}: droplet ${droplet.name} was still listed ${Math.round((options.destroyWaitMs ?? 120_000) / 1000)} s after its deletion; run rm again to finish`,
          { provider: options.name },
        );
      await sleep(options.actionPollMs ?? 2_000, undefined, signal ? { signal } : {});
    }
  }

  return {
    kind: 'digitalocean',

    async verifyCredentials(signal) {
      // The cheapest authenticated read; then the default region must exist.
      await call('account', () => api.request('GET', '/account', undefined, signal));
      const regions = await regionList(signal);
      if (!regions.some((r) => r.slug === options.region))
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `DigitalOcean has no region "${options.region}"; use one of ${regions.map((r) => r.slug).join(', ')}`,
          { provider: options.name },
        );
    },

    async regions(signal) {
      return (await regionList(signal))
        .filter((r) => r.available)
        .map((r): RegionOffer => ({ name: r.slug, zones: [] }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async sizes(region, signal) {
      return toSizeOffers(await sizes(signal), region ?? options.region);
    },

    create,

    async get(id, signal) {
      const droplet = await getDroplet(id, signal);
      return droplet ? toProviderMachine(droplet) : null;
    },

    async list(signal) {
      const droplets = await call('droplet list', () =>
        api.list<DigitalOceanDroplet>(`/droplets?tag_name=${MANAGED_TAG}`, 'droplets', signal),
      );
      return droplets.map(toProviderMachine);
    },

    async hostKeyFingerprints(id, signal) {
      const droplet = await getDroplet(id, signal);
      const fingerprint = droplet ? hostKeyOf(droplet) : null;
      return fingerprint ? [fingerprint] : null;
    },

    start: (id, signal) => powerAction(id, 'power_on', signal),
    // power_off, not an ACPI shutdown: like EC2/GCE stop, it must finish even if the guest ignores ACPI.
    stop: (id, signal) => powerAction(id, 'power_off', signal),

    async destroy(id, signal) {
      const droplet = await getDroplet(id, signal);
      if (!droplet) return;
      await destroyDroplet(droplet, signal);
      await deleteCompanions(droplet.name, droplet.tags, signal);
    },
  };
}
