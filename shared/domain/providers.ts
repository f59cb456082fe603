/** Where machines can be created. `local` is the built-in sandbox (no account needed). */
export type ProviderKind = 'local' | 'aws' | 'gcp' | 'hetzner' | 'digitalocean';

/** A configured provider; its credentials live in the vault and are never sent to clients. */
export interface ProviderInfo {
  id: string;
  name: string;
  kind: ProviderKind;
  /** Default region (EC2) or zone (GCE); null for the sandbox. */
  region: string | null;
  hasCredential: boolean;
  /** The built-in local sandbox cannot be removed. */
  builtIn: boolean;
}

export interface RegionInfo {
  name: string;
  zones: string[];
}

/** A machine size offered by a provider, in normalised terms. */
export interface SizeInfo {
  type: string;
  vcpus: number;
  memoryGiB: number;
  arch: 'amd64' | 'arm64';
  hourlyPriceUsd: number | null;
  normalized: 'small' | 'medium' | 'large' | null;
}

export type MachineState = 'pending' | 'running' | 'stopping' | 'stopped' | 'terminated' | 'unknown';

/** A machine Crossdock manages on some provider. */
export interface MachineInfo {
  /** The provider's id for it (`i-0abc…`, an instance name, a container id). */
  id: string;
  name: string;
  providerId: string;
  providerName: string;
  /** `ssh`: a server the user added as a host; Crossdock did not create it and cannot start, stop or destroy it. */
  providerKind: ProviderKind | 'ssh';
  state: MachineState;
  address: string | null;
  region: string | null;
  type: string;
  os: string | null;
  /** The Docker host it became, once bootstrapped. */
  hostName: string | null;
  createdAt: string | null;
}
