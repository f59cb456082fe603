/**
 * One interface for every place Crossdock can create machines (the local sandbox, AWS EC2,
 * Google Compute Engine). The machines service drives any of them the same way: create, wait
 * until SSH answers with a verified host key, bootstrap, list, start, stop, destroy.
 * Expected failures are CrossdockErrors: PROVIDER_AUTH_FAILED (naming the provider) for bad
 * credentials, NOT_FOUND, INVALID_ARGUMENT (an unknown size or region), NO_SPACE (quota).
 */

/** Normalised sizes, so one spec means the same on every provider. */
export type NormalizedSize = 'small' | 'medium' | 'large';
/** small: 2 vCPU, 2–4 GiB; medium: 2–4 vCPU, 8 GiB; large: 8 vCPU, 32 GiB. */
export const SIZE_RULES: Record<NormalizedSize, { vcpus: [number, number]; memoryGiB: [number, number] }> = {
  small: { vcpus: [2, 2], memoryGiB: [2, 4] },
  medium: { vcpus: [2, 4], memoryGiB: [8, 8] },
  large: { vcpus: [8, 8], memoryGiB: [32, 32] },
};

export type OsFamily = 'debian-12' | 'ubuntu-24.04' | 'rocky-9';
export type Arch = 'amd64' | 'arm64';

export interface RegionOffer {
  name: string;
  zones: string[];
}

/** A machine type a provider offers, in normalised terms. */
export interface SizeOffer {
  /** The provider's own name: `t3.medium`, `e2-standard-2`, `sandbox-small`. */
  type: string;
  vcpus: number;
  memoryGiB: number;
  arch: Arch;
  /** USD per hour where the provider publishes it; null otherwise. */
  hourlyPriceUsd: number | null;
  /** The normalised size this type stands for, if it is the provider's pick for it. */
  normalized: NormalizedSize | null;
}

/** What to create. `size` is a normalised size or an exact provider type. */
export interface MachineSpec {
  name: string;
  size: NormalizedSize | string;
  os: OsFamily;
  /** Region (EC2), zone (GCE: `europe-west1-b`), or null for the local sandbox. */
  region: string | null;
  /** TCP ports to open to the world besides 22. */
  openPorts: number[];
  /** The OpenSSH public key line to authorise for `sshUser`. */
  sshPublicKey: string;
}

export type MachineState = 'pending' | 'running' | 'stopping' | 'stopped' | 'terminated' | 'unknown';

/** A machine as its provider reports it. */
export interface ProviderMachine {
  /** The provider's id: `i-0abc…`, a GCE instance name, a container id. */
  id: string;
  name: string;
  state: MachineState;
  /** Where SSH answers (public address where there is one). */
  address: string | null;
  sshPort: number;
  /** The user the key was authorised for (`admin` on Debian AMIs, `root` in the sandbox…). */
  sshUser: string;
  region: string | null;
  /** The provider type it runs as (`t3.medium`). */
  type: string;
  os: OsFamily | null;
  createdAt: string | null;
}

export interface Provider {
  readonly kind: 'local' | 'aws' | 'gcp' | 'hetzner' | 'digitalocean';
  /** A cheap read call; bad credentials → PROVIDER_AUTH_FAILED naming the provider. */
  verifyCredentials(signal?: AbortSignal): Promise<void>;
  regions(signal?: AbortSignal): Promise<RegionOffer[]>;
  sizes(region: string | null, signal?: AbortSignal): Promise<SizeOffer[]>;
  /** Starts creating the machine (with the `crossdock` tag/label) and returns it as soon as the provider knows it. */
  create(spec: MachineSpec, signal?: AbortSignal): Promise<ProviderMachine>;
  get(id: string, signal?: AbortSignal): Promise<ProviderMachine | null>;
  /** Machines Crossdock manages here (found by the `crossdock` tag or label, so a second laptop sees them too). */
  list(signal?: AbortSignal): Promise<ProviderMachine[]>;
  /**
   * The machine's SSH host key fingerprints (`SHA256:…`) where the provider exposes them (EC2
   * console output, GCE serial port); null where it does not (then trust on first use).
   */
  hostKeyFingerprints(id: string, signal?: AbortSignal): Promise<string[] | null>;
  start(id: string, signal?: AbortSignal): Promise<void>;
  stop(id: string, signal?: AbortSignal): Promise<void>;
  /** Destroys the machine and whatever Crossdock created for it alone (security group, firewall rule, key pair). */
  destroy(id: string, signal?: AbortSignal): Promise<void>;
}
