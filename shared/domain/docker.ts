import type { WireError } from '../errors.js';

export interface PortBinding {
  /** The host address the port is published on (`0.0.0.0`, `::`), if published. */
  hostIp: string | null;
  hostPort: number | null;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** One container on one host. `hostId` + `id` identify it across all hosts. */
export interface ContainerSummary {
  hostId: string;
  hostName: string;
  id: string;
  name: string;
  image: string;
  /** The id of the image it runs (`sha256:…`), which ImageSummary.id matches. */
  imageId: string;
  state: ContainerState;
  /** Docker's human status, e.g. "Up 3 minutes". */
  status: string;
  createdAt: string;
  /** When it last started (the host's clock), while it is up; null when stopped or unknown. Clients show its age from it, ticking. */
  startedAt: string | null;
  ports: PortBinding[];
  labels: Record<string, string>;
}

export interface ImageSummary {
  hostId: string;
  hostName: string;
  id: string;
  tags: string[];
  sizeBytes: number;
  createdAt: string;
  /** Containers on its host (running or not) made from this image, matched by image id. */
  containers: number;
}

export interface VolumeSummary {
  hostId: string;
  hostName: string;
  name: string;
  driver: string;
  mountpoint: string;
  createdAt: string | null;
  labels: Record<string, string>;
}

export interface NetworkSummary {
  hostId: string;
  hostName: string;
  id: string;
  name: string;
  driver: string;
  scope: string;
  createdAt: string | null;
}

/** A host that could not answer a cross-host listing: the rest of the list is still valid. */
export interface HostFailure {
  hostId: string;
  hostName: string;
  error: WireError;
}

export interface CrossHostList<T> {
  items: T[];
  failures: HostFailure[];
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

/** A piece of a container's log. */
export interface LogChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Output of an exec session: its id first (to send input and resizes), then bytes. */
export type ExecChunk = { kind: 'session'; sessionId: string } | { kind: 'output'; data: string };

/** One sample of a container's resource use. */
export interface StatsSample {
  at: string;
  /** Percent of one CPU, as `docker stats` shows it (can exceed 100 on several CPUs). */
  cpuPercent: number;
  memoryBytes: number;
  /** The container's own limit (HostConfig.Memory) when it has one, else the host's memory. */
  memoryLimitBytes: number;
  /** Which limit memoryLimitBytes is. */
  memoryLimitSource: 'container' | 'host';
  networkRxBytes: number;
  networkTxBytes: number;
}

/** Something changed on a host (from Docker's event stream). */
export interface DockerChange {
  hostId: string;
  kind: 'container' | 'image' | 'volume' | 'network';
  action: string;
  id: string;
}
