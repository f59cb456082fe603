import type Dockerode from 'dockerode';
import type {
  ContainerState,
  ContainerSummary,
  ImageSummary,
  NetworkSummary,
  PortBinding,
  VolumeSummary,
} from '../../../shared/index.js';

/** Which host a listing row came from. */
export interface HostLabel {
  hostId: string;
  hostName: string;
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function isoFromSeconds(seconds: number | undefined): string {
  return new Date((seconds ?? 0) * 1000).toISOString();
}

function ports(list: Dockerode.Port[] | undefined): PortBinding[] {
  return (list ?? []).map((p) => ({
    hostIp: p.IP ?? null,
    hostPort: p.PublicPort ?? null,
    containerPort: p.PrivatePort,
    protocol: p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp',
  }));
}

export function toContainerSummary(
  host: HostLabel,
  c: Dockerode.ContainerInfo,
  startedAt: string | null = null,
): ContainerSummary {
  const state = (STATES as readonly string[]).includes(c.State) ? (c.State as ContainerState) : 'dead';
  return {
    ...host,
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    state,
    status: c.Status,
    createdAt: isoFromSeconds(c.Created),
    startedAt,
    ports: ports(c.Ports),
    labels: c.Labels ?? {},
  };
}

/** `usedBy`: how many containers run this image, by id (the list's own `Containers` is -1 unless computed). */
export function toImageSummary(host: HostLabel, i: Dockerode.ImageInfo, usedBy: number): ImageSummary {
  return {
    ...host,
    id: i.Id,
    tags: (i.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
    sizeBytes: i.Size,
    createdAt: isoFromSeconds(i.Created),
    containers: usedBy,
  };
}

export function toVolumeSummary(
  host: HostLabel,
  v: Dockerode.VolumeInspectInfo & { CreatedAt?: string },
): VolumeSummary {
  return {
    ...host,
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    createdAt: v.CreatedAt ?? null,
    labels: v.Labels ?? {},
  };
}

export function toNetworkSummary(host: HostLabel, n: Dockerode.NetworkInspectInfo): NetworkSummary {
  return { ...host, id: n.Id, name: n.Name, driver: n.Driver, scope: n.Scope, createdAt: n.Created ?? null };
}
