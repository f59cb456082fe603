import { randomBytes } from 'node:crypto';

/** EC2's instance state names with their documented codes. */
export const stateCodes = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;
/** One of EC2's instance state names. */
export type InstanceStateName = keyof typeof stateCodes;

/** An imported key pair. */
export interface KeyPair {
  keyPairId: string;
  keyName: string;
  keyType: 'ed25519' | 'rsa';
  /** OpenSSH public key line, as imported. */
  publicKey: string;
  /** What EC2 shows for imported keys: MD5 of the key blob (rsa), base64 SHA256 (ed25519). */
  fingerprint: string;
  createTime: Date;
}

/** One ingress rule. */
export interface IngressRule {
  ruleId: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
}

/** A security group of the emulator's one default VPC. */
export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  ingress: IngressRule[];
}

/** An instance and the machine behind it. */
export interface Instance {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: string;
  keyName?: string;
  groupIds: string[];
  zone: string;
  address: string;
  launchTime: Date;
  amiLaunchIndex: number;
  state: InstanceStateName;
  stateReason?: string;
  containerId?: string;
  /** What cloud-init printed on the last boot (GetConsoleOutput). */
  consoleOutput?: string;
  terminatedAt?: Date;
  /** Serialises state changes so a terminate waits for a pending start, as EC2 does. */
  busy: Promise<void>;
}

/** Everything the emulator knows, in memory for its lifetime. */
export class Ec2State {
  readonly keyPairs = new Map<string, KeyPair>();
  readonly groups = new Map<string, SecurityGroup>();
  readonly instances = new Map<string, Instance>();
  /** Tags of any resource, by resource id. */
  readonly tags = new Map<string, Map<string, string>>();

  /** The tags of a resource (an empty map if none). */
  tagsOf(resourceId: string): Map<string, string> {
    let tags = this.tags.get(resourceId);
    if (!tags) this.tags.set(resourceId, (tags = new Map()));
    return tags;
  }
}

/** A resource id in EC2's format: prefix, dash, 17 hex digits. */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}
