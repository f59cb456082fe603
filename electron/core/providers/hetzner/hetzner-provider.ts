import { CrossdockError } from '../../../../shared/errors.js';
import type { MachineSpec, Provider, ProviderMachine, RegionOffer } from '../provider.js';
import { HetznerApiError, HetznerClient, type HetznerAction } from './client.js';
import { sizePicks, toSizeOffers, type HetznerServerType } from './catalog.js';
import { toCrossdockError } from './errors.js';
import { chooseHostKey, fingerprintLabel } from './host-keys.js';
import {
  HOST_KEY_LABEL,
  hostKeyOf,
  MANAGED_LABEL,
  OS_LABEL,
  serverId,
  toProviderMachine,
  type HetznerServer,
} from './machine.js';

export interface HetznerProviderOptions {
  /** The provider's name in Crossdock (for messages). */
  name: string;
  /** Default location (`fsn1`, `nbg1`, `hel1`, `ash`, `hil`, `sin`). */
  location: string;
  token: string;
  /** Another API base (the test emulator). */
  endpoint?: string | undefined;
  actionPollMs?: number;
}

const MANAGED = `${MANAGED_LABEL.key}=${MANAGED_LABEL.value}`;

/** Resources Crossdock creates for one machine carry its name, so destroy finds them without local state. */
function resourceName(machine: string): string {
  return `crossdock-${machine}`;
}

/**
 * A {@link Provider} for Hetzner Cloud over its REST API. Each machine gets its own firewall
 * (SSH and the spec's ports) and SSH key object, both named `crossdock-<machine>` and labelled
 * like the server; its host key is chosen by Crossdock and passed in cloud-init user data.
 */
export function createHetznerProvider(options: HetznerProviderOptions): Provider {
  const api = new HetznerClient({
    token: options.token,
    endpoint: options.endpoint,
    ...(options.actionPollMs ? { actionPollMs: options.actionPollMs } : {}),
  });

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toCrossdockError(error, options.name, what);
    }
  }

  const serverTypes = (signal?: AbortSignal): Promise<HetznerServerType[]> =>
    call('server types', () => api.list<HetznerServerType>('/server_types', 'server_types', signal));

  async function getServer(id: string, signal?: AbortSignal): Promise<HetznerServer | null> {
    const numeric = serverId(id);
    if (numeric === null) return null;
    try {
      return (await api.request<{ server: HetznerServer }>('GET', `/servers/${numeric}`, undefined, signal)).server;
    } catch (error) {
      if (error instanceof HetznerApiError && error.status === 404) return null;
      throw toCrossdockError(error, options.name, `server ${id}`);
    }
  }

  async function findByName<T extends { id: number }>(
    path: string,
    key: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<T | null> {
    const found = await api.list<T>(`${path}?name=${encodeURIComponent(name)}`, key, signal);
    return found[0] ?? null;
  }

  async function powerAction(id: string, verb: 'poweron' | 'shutdown' | 'poweroff', signal?: AbortSignal) {
    const numeric = serverId(id);
    if (numeric === null) throw new CrossdockError('NOT_FOUND', `Hetzner Cloud (${options.name}): no server ${id}`);
    await call(`server ${id}`, async () => {
      const { action } = await api.request<{ action: HetznerAction }>(
        'POST',
        `/servers/${numeric}/actions/${verb}`,
        undefined,
        signal,
      );
      await api.waitAction(action, signal);
    });
  }

  /** Removes the machine's firewall and SSH key; a firewall still being detached is retried. */
  async function deleteCompanions(machine: string, signal?: AbortSignal): Promise<void> {
    const name = resourceName(machine);
    await call(`firewall ${name}`, async () => {
      const firewall = await findByName<{ id: number }>('/firewalls', 'firewalls', name, signal);
      if (!firewall) return;
      for (let attempt = 0; ; attempt++) {
        try {
          await api.request('DELETE', `/firewalls/${firewall.id}`, undefined, signal);
          return;
        } catch (error) {
          // The server's deletion detaches the firewall asynchronously.
          if (!(error instanceof HetznerApiError && error.code === 'resource_in_use') || attempt >= 30) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    });
    await call(`SSH key ${name}`, async () => {
      const key = await findByName<{ id: number }>('/ssh_keys', 'ssh_keys', name, signal);
      if (key) await api.request('DELETE', `/ssh_keys/${key.id}`, undefined, signal);
    });
  }

  async function create(spec: MachineSpec, signal?: AbortSignal): Promise<ProviderMachine> {
    const location = spec.region ?? options.location;
    let serverType = spec.size;
    if (spec.size === 'small' || spec.size === 'medium' || spec.size === 'large') {
      const pick = sizePicks(await serverTypes(signal), location).get(spec.size);
      if (!pick)
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `Hetzner Cloud (${options.name}) offers no ${spec.size} server type in ${location}; "crossdock provider sizes" lists them`,
          { provider: options.name },
        );
      serverType = pick;
    }
    const name = resourceName(spec.name);
    const labels = { [MANAGED_LABEL.key]: MANAGED_LABEL.value, [OS_LABEL]: spec.os, 'crossdock-machine': spec.name };
    const ports = [22, ...spec.openPorts.filter((port) => port !== 22)];
    const firewall = await call(`firewall ${name}`, async () =>
      api.request<{ firewall: { id: number } }>(
        'POST',
        '/firewalls',
        {
          name,
          labels,
          rules: ports.map((port) => ({
            direction: 'in',
            protocol: 'tcp',
            port: String(port),
            source_ips: ['0.0.0.0/0', '::/0'],
            description: port === 22 ? 'SSH' : `port ${port}`,
          })),
        },
        signal,
      ),
    );
    try {
      const key = await call(`SSH key ${name}`, async () =>
        api.request<{ ssh_key: { id: number } }>(
          'POST',
          '/ssh_keys',
          { name, public_key: spec.sshPublicKey, labels },
          signal,
        ),
      );
      const hostKey = chooseHostKey(spec.name);
      const { server, action } = await call(`server ${spec.name}`, async () =>
        api.request<{ server: HetznerServer; action: HetznerAction }>(
          'POST',
          '/servers',
          {
            name: spec.name,
            server_type: serverType,
            image: spec.os,
            location,
            ssh_keys: [key.ssh_key.id],
            firewalls: [{ firewall: firewall.firewall.id }],
            labels: { ...labels, [HOST_KEY_LABEL]: fingerprintLabel(hostKey.fingerprint) },
            user_data: hostKey.userData,
            start_after_create: true,
          },
          signal,
        ),
      );
      // The user data (and with it the private host key) goes out of scope here; only the
      // fingerprint stays, in the server's label.
      void action;
      return toProviderMachine(server);
    } catch (error) {
      // Nothing half-made stays behind: the firewall and key exist only for this server.
      await deleteCompanions(spec.name).catch(() => undefined);
      throw error;
    }
  }

  return {
    kind: 'hetzner',

    async verifyCredentials(signal) {
      // A cheap authenticated read that also proves the default location exists.
      const locations = await call('locations', () => api.list<{ name: string }>('/locations', 'locations', signal));
      if (!locations.some((l) => l.name === options.location))
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `Hetzner Cloud has no location "${options.location}"; use one of ${locations.map((l) => l.name).join(', ')}`,
          { provider: options.name },
        );
    },

    async regions(signal) {
      const locations = await call('locations', () => api.list<{ name: string }>('/locations', 'locations', signal));
      return locations
        .map((l): RegionOffer => ({ name: l.name, zones: [] }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async sizes(region, signal) {
      return toSizeOffers(await serverTypes(signal), region ?? options.location);
    },

    create,

    async get(id, signal) {
      const server = await getServer(id, signal);
      return server ? toProviderMachine(server) : null;
    },

    async list(signal) {
      const servers = await call('server list', () =>
        api.list<HetznerServer>(`/servers?label_selector=${encodeURIComponent(MANAGED)}`, 'servers', signal),
      );
      return servers.map(toProviderMachine);
    },

    async hostKeyFingerprints(id, signal) {
      const server = await getServer(id, signal);
      const fingerprint = server ? hostKeyOf(server) : null;
      return fingerprint ? [fingerprint] : null;
    },

    start: (id, signal) => powerAction(id, 'poweron', signal),
    // poweroff, not an ACPI shutdown: like EC2/GCE stop, it must finish even if the guest ignores ACPI.
    stop: (id, signal) => powerAction(id, 'poweroff', signal),

    async destroy(id, signal) {
      const server = await getServer(id, signal);
      if (server) {
        await call(`server ${id}`, async () => {
          const answer = await api.request<{ action?: HetznerAction }>(
            'DELETE',
            `/servers/${server.id}`,
            undefined,
            signal,
          );
          if (answer.action) await api.waitAction(answer.action, signal);
        });
      }
      const machine = server?.labels['crossdock-machine'] ?? server?.name;
      if (machine) await deleteCompanions(machine, signal);
    },
  };
}
