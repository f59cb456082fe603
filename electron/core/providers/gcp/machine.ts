import type { MachineState, OsFamily, ProviderMachine } from '../provider.js';

/** The login user Crossdock authorises through the `ssh-keys` metadata on every GCE machine. */
export const GCP_SSH_USER = 'crossdock';
/** The label every Crossdock machine carries, so any laptop with the credentials finds them. */
export const MANAGED_LABEL = { key: 'crossdock', value: 'managed' } as const;
export const OS_LABEL = 'crossdock-os';

/**
 * Machine ids are `<zone>/<instance name>`: a GCE instance name is unique only within its zone,
 * and every instance call needs the zone, so the id carries it.
 */
export function machineId(zone: string, name: string): string {
  return `${zone}/${name}`;
}

/** Splits an id; a bare name means the provider's default zone. */
export function parseMachineId(id: string, defaultZone: string): { zone: string; name: string } {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? { zone: defaultZone, name: id } : { zone: id.slice(0, slash), name: id.slice(slash + 1) };
}

/** The instance fields the mapping reads (a subset of the SDK's `IInstance`). */
export interface InstanceFacts {
  name?: string | null;
  status?: string | null;
  zone?: string | null;
  machineType?: string | null;
  labels?: Record<string, string> | null;
  creationTimestamp?: string | null;
  networkInterfaces?: { networkIP?: string | null; accessConfigs?: { natIP?: string | null }[] | null }[] | null;
}

const STATES: Record<string, MachineState> = {
  PROVISIONING: 'pending',
  STAGING: 'pending',
  RUNNING: 'running',
  STOPPING: 'stopping',
  SUSPENDING: 'stopping',
  // GCE calls a stopped instance TERMINATED; it still exists and can be started again.
  TERMINATED: 'stopped',
  SUSPENDED: 'stopped',
};

const OS_FAMILIES: readonly OsFamily[] = ['debian-12', 'ubuntu-24.04', 'rocky-9'];

/** The last path segment of a Compute URL (`…/zones/europe-west1-b` → `europe-west1-b`). */
export function lastSegment(url: string | null | undefined): string {
  return (url ?? '').split('/').pop() ?? '';
}

/** An instance as the Provider interface reports it; the external (NAT) address wins. */
export function toProviderMachine(instance: InstanceFacts, fallbackZone: string): ProviderMachine {
  const zone = lastSegment(instance.zone) || fallbackZone;
  const name = instance.name ?? '';
  const nic = instance.networkInterfaces?.[0];
  const address = nic?.accessConfigs?.find((config) => config.natIP)?.natIP ?? nic?.networkIP ?? null;
  const osLabel = instance.labels?.[OS_LABEL];
  // Labels cannot hold dots, so ubuntu-24.04 is stored as ubuntu-24-04.
  const os = OS_FAMILIES.find((family) => osLabelValue(family) === osLabel) ?? null;
  return {
    id: machineId(zone, name),
    name,
    state: STATES[instance.status ?? ''] ?? 'unknown',
    address: address || null,
    sshPort: 22,
    sshUser: GCP_SSH_USER,
    region: zone,
    type: lastSegment(instance.machineType),
    os,
    createdAt: instance.creationTimestamp ?? null,
  };
}

/** A label value for an OS family (label values allow only `[a-z0-9_-]`). */
export function osLabelValue(os: OsFamily): string {
  return os.replace(/\./g, '-');
}
