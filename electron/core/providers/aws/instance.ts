// EC2's Instance as the ProviderMachine the machines service reads. The OS and login user come
// from tags written at creation, so another laptop (with other options) reports the same user.
import type { Instance, Tag } from '@aws-sdk/client-ec2';
import type { MachineState, ProviderMachine } from '../provider.js';
import { DEFAULT_SSH_USERS, isOsFamily } from './images.js';
import { machineId } from './placement.js';

/** Tag keys Crossdock writes on everything it creates in EC2. */
export const TAGS = {
  managed: 'crossdock',
  managedValue: 'managed',
  os: 'crossdock:os',
  sshUser: 'crossdock:ssh-user',
  /** The fingerprint of the host key Crossdock chose and passed in the user data. */
  hostKey: 'crossdock:host-key',
} as const;

/** Name of the key pair and the security group made for one machine alone. */
export function resourceName(machineName: string): string {
  return `crossdock-${machineName}`;
}

/** A tag's value, or undefined. */
export function tagValue(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}

/** True when Crossdock created the instance (it may manage it). */
export function isManaged(instance: Instance): boolean {
  return tagValue(instance.Tags, TAGS.managed) === TAGS.managedValue;
}

// shutting-down is one-way: report it as terminated so nothing tries to connect to it.
const STATES: Readonly<Record<string, MachineState>> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  'shutting-down': 'terminated',
  terminated: 'terminated',
};

/** The machine as Crossdock sees it; `region` is the region the instance was found in. */
export function toProviderMachine(instance: Instance, region: string): ProviderMachine {
  const osTag = tagValue(instance.Tags, TAGS.os);
  const os = isOsFamily(osTag) ? osTag : null;
  return {
    id: machineId(region, instance.InstanceId ?? ''),
    name: tagValue(instance.Tags, 'Name') ?? instance.InstanceId ?? '',
    state: STATES[instance.State?.Name ?? ''] ?? 'unknown',
    // The private address serves instances without a public one, reached over a VPN or peering.
    address: instance.PublicIpAddress ?? instance.PrivateIpAddress ?? null,
    sshPort: 22,
    // ec2-user is what Amazon's own AMIs use; the last resort for an instance without tags.
    sshUser: tagValue(instance.Tags, TAGS.sshUser) ?? (os ? DEFAULT_SSH_USERS[os] : 'ec2-user'),
    region,
    type: instance.InstanceType ?? 'unknown',
    os,
    createdAt: instance.LaunchTime?.toISOString() ?? null,
  };
}
