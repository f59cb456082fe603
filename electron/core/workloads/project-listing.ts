import type Dockerode from 'dockerode';
import type { ComposePort, ContainerState, WorkloadContainer, WorkloadProject } from '../../../shared/index.js';
import { LABEL } from './deploy/compose-labels.js';

/**
 * Groups a host's containers into compose projects by their `com.docker.compose.*` labels,
 * whoever made them (Crossdock or the docker compose CLI). One-off containers (`compose run`)
 * are left out, as `docker compose ps` does.
 */
export function projectsFrom(
  host: { hostId: string; hostName: string },
  containers: Dockerode.ContainerInfo[],
): WorkloadProject[] {
  const projects = new Map<string, WorkloadProject>();
  for (const info of containers) {
    const name = info.Labels[LABEL.project];
    const service = info.Labels[LABEL.service];
    if (!name || !service || (info.Labels[LABEL.oneoff] ?? 'False').toLowerCase() === 'true') continue;
    let project = projects.get(name);
    if (!project) {
      project = {
        ...host,
        name,
        state: 'stopped',
        deployedByCrossdock: false,
        configFiles: info.Labels[LABEL.configFiles] || null,
        workingDir: info.Labels[LABEL.workingDir] || null,
        services: [],
      };
      projects.set(name, project);
    }
    if (info.Labels[LABEL.managed] === 'true') project.deployedByCrossdock = true;
    // Containers made by different deploys may differ; any that says where the file was will do.
    project.configFiles ??= info.Labels[LABEL.configFiles] || null;
    project.workingDir ??= info.Labels[LABEL.workingDir] || null;
    let entry = project.services.find((s) => s.name === service);
    if (!entry) project.services.push((entry = { name: service, containers: [] }));
    entry.containers.push(toWorkloadContainer(info));
  }
  for (const project of projects.values()) {
    project.services.sort((a, b) => a.name.localeCompare(b.name));
    project.services.forEach((s) => s.containers.sort((a, b) => a.number - b.number));
    const all = project.services.flatMap((s) => s.containers);
    const running = all.filter((c) => c.state === 'running').length;
    project.state = running === 0 ? 'stopped' : running === all.length ? 'running' : 'partial';
  }
  return [...projects.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function toWorkloadContainer(info: Dockerode.ContainerInfo): WorkloadContainer {
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(info.Status)?.[1];
  return {
    id: info.Id,
    name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
    number: Number(info.Labels[LABEL.containerNumber] ?? '1') || 1,
    image: info.Image,
    state: info.State as ContainerState,
    status: info.Status,
    health: health === 'health: starting' ? 'starting' : ((health as 'healthy' | 'unhealthy' | undefined) ?? null),
    ports: publishedPorts(info),
  };
}

/** Ports as compose shows them, one per host binding (Docker lists IPv4 and IPv6 binds apart). */
export function publishedPorts(info: Dockerode.ContainerInfo): ComposePort[] {
  return info.Ports.map((p) => ({
    published: p.PublicPort || null,
    target: p.PrivatePort,
    protocol: p.Type === 'udp' ? 'udp' : 'tcp',
    hostIp: p.PublicPort ? (p.IP ?? null) : null,
  }));
}
