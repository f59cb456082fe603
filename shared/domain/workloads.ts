import type { ContainerState } from './docker.js';

/** A problem in a compose file, where it is. */
export interface ComposeIssue {
  /** Dotted path of the offending key or value, e.g. `services.web.deploy`, `services.web.ports.0`. */
  path: string;
  /** 1-based line and column in the compose text; null when the problem has no place (a missing key). */
  line: number | null;
  column: number | null;
  /** What is wrong and, where it helps, what to do: `not supported`, `must be a port number`. */
  message: string;
  /** Errors stop a deploy; warnings (an unset variable replaced by "") do not. */
  severity: 'error' | 'warning';
}

/** One published port a compose file asks for. */
export interface ComposePort {
  /** null: Docker picks a free host port. */
  published: number | null;
  target: number;
  protocol: 'tcp' | 'udp';
  /** null: every address of the host. */
  hostIp: string | null;
}

/** What a valid compose file would deploy, for a preview before deploying. */
export interface ComposeSummary {
  /** The top-level `name:`, if the file has one. */
  name: string | null;
  /** In start order (dependencies first). */
  services: {
    name: string;
    /** Empty when the service only builds (its image is then named `PROJECT-SERVICE`). */
    image: string;
    /** The build context as the file writes it, when the service builds its image; else null. */
    build: string | null;
    ports: ComposePort[];
    dependsOn: string[];
    volumes: string[];
  }[];
  volumes: string[];
  networks: string[];
  /**
   * env_file paths as the file writes them, and whether their contents were given in `files`
   * (a missing required one is an error issue too).
   */
  envFiles: { path: string; required: boolean; provided: boolean }[];
  /** Secrets the file needs: each value comes from the vault entry `vaultName`. */
  secrets: { name: string; vaultName: string; stored: boolean }[];
  /** Names the file interpolates (`${NAME}`), so a client can offer to fill them in. */
  variables: string[];
}

/** The answer of `workloads.validate`. */
export interface ComposeValidation {
  /** False when any issue is an error. */
  valid: boolean;
  issues: ComposeIssue[];
  /** Null when the file could not be read far enough to say what it holds. */
  summary: ComposeSummary | null;
}

/** A container of a compose project, on its host. */
export interface WorkloadContainer {
  id: string;
  name: string;
  /** `com.docker.compose.container-number`. */
  number: number;
  image: string;
  state: ContainerState;
  /** Docker's human status, e.g. "Up 3 minutes (healthy)". */
  status: string;
  health: 'starting' | 'healthy' | 'unhealthy' | null;
  ports: ComposePort[];
}

export interface WorkloadService {
  name: string;
  containers: WorkloadContainer[];
}

/**
 * A compose project on one host, found by its containers' `com.docker.compose.*` labels: those
 * Crossdock deployed and those the docker compose CLI made alike.
 */
export interface WorkloadProject {
  hostId: string;
  hostName: string;
  name: string;
  /** `running`: every container runs; `partial`: some do; `stopped`: none. */
  state: 'running' | 'partial' | 'stopped';
  /** True when Crossdock deployed it (label `crossdock.managed`), false for the compose CLI's. */
  deployedByCrossdock: boolean;
  /** `com.docker.compose.project.config_files` and `.working_dir` of its containers. */
  configFiles: string | null;
  workingDir: string | null;
  services: WorkloadService[];
}

/** What a deploy did to one service. */
export interface DeployedService {
  name: string;
  action: 'created' | 'recreated' | 'started' | 'unchanged' | 'removed';
  /** The container's name (the removed one's, for `removed`). */
  container: string;
}

/** A published port moved to a free one because the wanted one was taken (`autoPorts`). */
export interface PortReassignment {
  service: string;
  target: number;
  protocol: 'tcp' | 'udp';
  wanted: number;
  assigned: number;
  /** Who holds the wanted port, e.g. `container shop-web-1 (project shop, service web)`. */
  holder: string;
}

/** The result of a deploy job (`JobInfo.result`), also what `crossdock deploy --json` prints. */
export interface DeployReport {
  host: string;
  project: string;
  services: DeployedService[];
  /** Networks and volumes this deploy created (existing ones are reused). */
  createdNetworks: string[];
  createdVolumes: string[];
  reassignedPorts: PortReassignment[];
  /** False when the project on the host already matched the file. */
  changed: boolean;
}

/** What `workloads.remove` removed. */
export interface RemoveReport {
  host: string;
  project: string;
  containers: string[];
  networks: string[];
  volumes: string[];
}

/** A secret a compose file can use; its value never leaves the core. */
export interface WorkloadSecretInfo {
  name: string;
  updatedAt: string;
}

/** One published port on one host and who publishes it: a row of the port map. */
export interface PortMapping {
  hostId: string;
  hostName: string;
  /** `0.0.0.0` / `::` for every address. */
  hostIp: string;
  port: number;
  protocol: 'tcp' | 'udp';
  /** Compose project and service, null for a container outside any project. */
  project: string | null;
  service: string | null;
  container: string;
  containerId: string;
  containerPort: number;
}
