import type { PullPolicy } from '../../images/pull-policy.js';
import type { ComposePort } from '../../../../shared/index.js';
import type { MountSpec } from './volume-syntax.js';

export type { MountSpec } from './volume-syntax.js';

/** A healthcheck with times in nanoseconds (the Docker API's unit). `test: null` disables the image's own. */
export interface HealthSpec {
  test: string[] | null;
  interval: number | null;
  timeout: number | null;
  startPeriod: number | null;
  startInterval: number | null;
  retries: number | null;
}

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface Dependency {
  condition: DependencyCondition;
  restart: boolean;
  required: boolean;
}

/** A secret mounted into a service's container as a file. */
export interface ServiceSecret {
  /** The top-level secret's key. */
  source: string;
  /** Absolute path in the container (`/run/secrets/<source>` by default). */
  target: string;
  uid: number;
  gid: number;
  mode: number;
}

/** A service's attachment to one network. */
export interface ServiceNetwork {
  aliases: string[];
  /** Higher first when docker compose orders the networks; absent when the file gives none. */
  priority?: number;
  /**
   * The file gave this network settings (a map, even empty) rather than only its name: docker
   * compose then sends an endpoint IPAM config (empty when no address is set). Not part of the
   * config hash: it changes nothing a container does.
   */
  configured?: true;
}

/**
 * A service's `build:`, as the engine's build endpoint takes it. Paths are as the file wrote
 * them: the context relative to the compose file's folder, the Dockerfile relative to the context.
 */
export interface BuildSpec {
  context: string;
  /** Null: `Dockerfile` in the context. */
  dockerfile: string | null;
  /** The Dockerfile's text itself (compose's `dockerfile_inline`); excludes `dockerfile`. */
  dockerfileInline: string | null;
  /** Build arguments; null: taken from the variables (and left out when they have none). */
  args: Record<string, string | null>;
  target: string | null;
  labels: Record<string, string>;
  /** The network RUN steps use (`host`, `none`, `default` or a network's name). */
  network: string | null;
  /** Bytes of /dev/shm for RUN steps. */
  shmSize: number | null;
  /** `host:ip` lines added to /etc/hosts for RUN steps. */
  extraHosts: string[];
  cacheFrom: string[];
}

/** compose's pull_policy for a service: `build` builds every deploy (only with a `build:` section). */
export type ServicePullPolicy = PullPolicy | 'build';

export interface ServiceSpec {
  /** Null when the service only builds: its image is then named `PROJECT-SERVICE`, as compose names it. */
  image: string | null;
  /** Null: the image is pulled (or already there), never built. Not part of the config hash. */
  build: BuildSpec | null;
  /** compose's pull_policy (`if_not_present` read as `missing`); not part of the config hash. */
  pullPolicy: ServicePullPolicy;
  command: string[] | null;
  entrypoint: string[] | null;
  /** From `environment:`; null values (`- KEY` / `KEY:`) are taken from the variables, else left out. */
  environment: Record<string, string | null>;
  envFiles: { path: string; required: boolean }[];
  ports: ComposePort[];
  volumes: MountSpec[];
  restart: string | null;
  healthcheck: HealthSpec | null;
  labels: Record<string, string>;
  dependsOn: Record<string, Dependency>;
  user: string | null;
  workingDir: string | null;
  /** Network key → its settings; `default` when the service names none. */
  networks: Record<string, ServiceNetwork>;
  secrets: ServiceSecret[];
  /**
   * The service keys that become container settings one for one, each present only when the
   * file sets it (so a file without them hashes as it did before they were supported).
   */
  options: ContainerOptions;
  /** The profiles that enable the service; absent: always enabled. Not part of the config hash. */
  profiles?: string[];
}

/** A ulimit: `nofile: 65535` sets both values. */
export interface Ulimit {
  soft: number;
  hard: number;
}

/** `deploy.restart_policy`, which docker compose maps to the engine's restart policy. */
export interface RestartPolicySpec {
  /** none, on-failure or any; null: not given (the engine's default, no restart). */
  condition: string | null;
  maxAttempts: number | null;
}

/**
 * Service keys compose passes to the Engine API's Config and HostConfig as they are (sizes in
 * bytes, durations in nanoseconds, short syntaxes expanded). Each is absent when the file omits it.
 */
export interface ContainerOptions {
  containerName?: string;
  /** Ports exposed to other containers only, as written (`"3000"`, `"8125/udp"`). */
  expose?: string[];
  hostname?: string;
  domainname?: string;
  capAdd?: string[];
  capDrop?: string[];
  privileged?: boolean;
  sysctls?: Record<string, string>;
  ulimits?: Record<string, Ulimit>;
  stopSignal?: string;
  /** Nanoseconds; the engine takes whole seconds (StopTimeout). */
  stopGracePeriod?: number;
  init?: boolean;
  readOnly?: boolean;
  /** `PATH` or `PATH:OPTIONS`. */
  tmpfs?: string[];
  shmSize?: number;
  dns?: string[];
  dnsSearch?: string[];
  dnsOpt?: string[];
  /** `HOST:IP`, the Engine API's form, whatever separator the file used. */
  extraHosts?: string[];
  securityOpt?: string[];
  pid?: string;
  ipc?: string;
  groupAdd?: string[];
  oomScoreAdj?: number;
  cpus?: number;
  cpuShares?: number;
  cpuset?: string;
  memLimit?: number;
  memReservation?: number;
  memswapLimit?: number;
  pidsLimit?: number;
  /** deploy.resources.limits: override cpus, mem_limit and pids_limit, as in docker compose. */
  limits?: { cpus?: number; memory?: number; pids?: number };
  /** deploy.resources.reservations: only the memory reaches a single engine (cpus is Swarm's). */
  reservations?: { cpus?: number; memory?: number };
  /** deploy.restart_policy: overrides restart:. */
  restartPolicy?: RestartPolicySpec;
  stdinOpen?: boolean;
  tty?: boolean;
  logging?: { driver?: string; options?: Record<string, string> };
  /** host, none, bridge, container:NAME or service:NAME; the service then has no networks. */
  networkMode?: string;
  runtime?: string;
  /** `HOST[:CONTAINER[:PERMISSIONS]]`. */
  devices?: string[];
  deviceCgroupRules?: string[];
  usernsMode?: string;
  uts?: string;
  /** The cgroup namespace: host or private. */
  cgroup?: string;
  cgroupParent?: string;
  oomKillDisable?: boolean;
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuRtPeriod?: number;
  cpuRtRuntime?: number;
  memSwappiness?: number;
  /** `SERVICE[:ro|rw]` or `container:NAME[:ro|rw]`. */
  volumesFrom?: string[];
  /** `SERVICE[:ALIAS]`: legacy links to services of the file. */
  links?: string[];
  /** `CONTAINER[:ALIAS]`: links to containers outside the project. */
  externalLinks?: string[];
  /** The container's MAC address on its primary network. */
  macAddress?: string;
  /** `os[/arch[/variant]]`, sent with the create request as docker compose sends it. */
  platform?: string;
  blkio?: BlkioSpec;
  storageOpt?: Record<string, string>;
}

/** `blkio_config`, rates in bytes (or operations) per second. */
export interface BlkioSpec {
  weight?: number;
  weightDevice?: { path: string; weight: number }[];
  deviceReadBps?: { path: string; rate: number }[];
  deviceReadIops?: { path: string; rate: number }[];
  deviceWriteBps?: { path: string; rate: number }[];
  deviceWriteIops?: { path: string; rate: number }[];
}

export interface VolumeSpec {
  external: boolean;
  /** Explicit name on the host; default `<project>_<key>`. */
  name: string | null;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

export interface NetworkSpec {
  external: boolean;
  name: string | null;
  internal: boolean;
  labels: Record<string, string>;
}

export interface SecretSpec {
  /** The vault entry holding the value (the secret's `name:`, or its key). */
  vaultName: string;
}

/** A compose file reduced to the supported subset, normalised (short syntaxes expanded). */
export interface ComposeFile {
  name: string | null;
  services: Record<string, ServiceSpec>;
  volumes: Record<string, VolumeSpec>;
  networks: Record<string, NetworkSpec>;
  secrets: Record<string, SecretSpec>;
  /**
   * Services left out because none of their profiles is enabled: not deployed, and their
   * containers are not removed as services gone from the file (docker compose's rule).
   */
  disabledServices: Record<string, string[]>;
}
