import {
  counted,
  type ComposePort,
  type ContainerState,
  type JobInfo,
  type WorkloadContainer,
  type WorkloadProject,
} from '../../../shared/index.js';
import type { Tone } from '../hosts/host-status.js';

export const PROJECT_STATE: Record<WorkloadProject['state'], { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'ok' },
  partial: { label: 'Partly running', tone: 'warn' },
  stopped: { label: 'Stopped', tone: 'muted' },
};

const CONTAINER_TONE: Record<ContainerState, Tone> = {
  running: 'ok',
  restarting: 'busy',
  paused: 'warn',
  created: 'muted',
  exited: 'muted',
  removing: 'busy',
  dead: 'danger',
};

/** The tone of a container's state; an unhealthy running container is a warning, not fine. */
export function containerTone(container: Pick<WorkloadContainer, 'state' | 'health'>): Tone {
  if (container.state === 'running' && container.health === 'unhealthy') return 'danger';
  if (container.state === 'running' && container.health === 'starting') return 'busy';
  return CONTAINER_TONE[container.state] ?? 'muted';
}

const wildcard = (ip: string | null): boolean => ip === null || ip === '' || ip === '0.0.0.0' || ip === '::';

/** `8080→80/tcp`, `127.0.0.1:5432→5432/tcp`; one line per port even when Docker lists it for IPv4 and IPv6. */
export function formatComposePorts(ports: readonly ComposePort[]): string {
  const texts = ports.map((port) => {
    const address = wildcard(port.hostIp) ? '' : `${port.hostIp?.includes(':') ? `[${port.hostIp}]` : port.hostIp}:`;
    return port.published === null
      ? `${port.target}/${port.protocol}`
      : `${address}${port.published}→${port.target}/${port.protocol}`;
  });
  return [...new Set(texts)].join(', ');
}

/** Host, then project name: a host's projects stay together, in the order people look for them. */
export function sortProjects(projects: readonly WorkloadProject[]): WorkloadProject[] {
  return [...projects].sort(
    (a, b) => a.hostName.localeCompare(b.hostName) || a.name.localeCompare(b.name) || a.hostId.localeCompare(b.hostId),
  );
}

/** `2 services, 3 of 4 containers running`. */
export function projectCounts(project: WorkloadProject): string {
  const containers = project.services.flatMap((service) => service.containers);
  const running = containers.filter((container) => container.state === 'running').length;
  return `${counted(project.services.length, 'service')}, ${running} of ${counted(containers.length, 'container')} running`;
}

/** `projects on hosts` for the toolbar: `1 project on 1 host`, `4 projects on 2 hosts`. */
export function projectsSummary(projects: readonly WorkloadProject[]): string {
  const hosts = new Set(projects.map((project) => project.hostId)).size;
  return `${counted(projects.length, 'project')} on ${counted(hosts, 'host')}`;
}

/** Job kinds whose progress changes which projects exist where. */
const WORKLOAD_JOB_KINDS: ReadonlySet<string> = new Set(['deploy', 'migration', 'migration-rollback']);

/**
 * Changes exactly when a deploy or a migration job starts or ends (or moves from step to step,
 * since a migration creates on the target and stops the source midway): then the project list
 * is fetched again. Docker events cover the rest.
 */
export function workloadsRefreshKey(jobs: readonly Pick<JobInfo, 'id' | 'kind' | 'state' | 'step'>[]): string {
  return jobs
    .filter((job) => WORKLOAD_JOB_KINDS.has(job.kind))
    .map((job) => `${job.id}:${job.state}:${job.kind === 'deploy' ? '' : (job.step ?? '')}`)
    .sort()
    .join(',');
}
