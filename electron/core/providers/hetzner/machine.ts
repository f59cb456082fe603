import type { MachineState, OsFamily, ProviderMachine } from '../provider.js';
import { fingerprintFromLabel } from './host-keys.js';

/** Hetzner images log in as root with the server's SSH keys. */
export const HETZNER_SSH_USER = 'root';
/** The label every Crossdock server, firewall and SSH key carries (`label_selector=crossdock=managed`). */
export const MANAGED_LABEL = { key: 'crossdock', value: 'managed' } as const;
export const OS_LABEL = 'crossdock-os';
export const HOST_KEY_LABEL = 'crossdock-hostkey';

/** The fields of a Hetzner `server` the mapping reads. */
export interface HetznerServer {
  id: number;
  name: string;
  status: string;
  created: string;
  labels: Record<string, string>;
  server_type: { name: string };
  datacenter: { location: { name: string } };
  public_net: { ipv4: { ip: string } | null; ipv6: { ip: string } | null; firewalls?: { id: number }[] };
}

const STATES: Record<string, MachineState> = {
  initializing: 'pending',
  starting: 'pending',
  rebuilding: 'pending',
  migrating: 'pending',
  running: 'running',
  stopping: 'stopping',
  off: 'stopped',
  deleting: 'terminated',
};

const OS_FAMILIES: readonly OsFamily[] = ['debian-12', 'ubuntu-24.04', 'rocky-9'];

export function toProviderMachine(server: HetznerServer): ProviderMachine {
  const os = OS_FAMILIES.find((family) => family === server.labels[OS_LABEL]) ?? null;
  return {
    id: String(server.id),
    name: server.name,
    state: STATES[server.status] ?? 'unknown',
    address: server.public_net.ipv4?.ip ?? null,
    sshPort: 22,
    sshUser: HETZNER_SSH_USER,
    region: server.datacenter.location.name,
    type: server.server_type.name,
    os,
    createdAt: server.created,
  };
}

/** The pinned host key fingerprint Crossdock chose for the server, if it did. */
export function hostKeyOf(server: HetznerServer): string | null {
  return fingerprintFromLabel(server.labels[HOST_KEY_LABEL]);
}

/** Hetzner ids are integers; anything else cannot name a server. */
export function serverId(id: string): number | null {
  return /^\d{1,19}$/.test(id) ? Number(id) : null;
}
