import type Dockerode from 'dockerode';
import { LABEL } from './compose-labels.js';

/** A container of the project as found on the host. */
export interface ExistingContainer {
  id: string;
  name: string;
  service: string;
  number: number;
  oneoff: boolean;
  configHash: string | null;
  imageId: string;
  running: boolean;
}

/** What a service should be: its configuration hash and the id of the image its reference names now. */
export interface DesiredService {
  name: string;
  configHash: string;
  imageId: string;
  /**
   * Services whose container this one names by id (`network_mode`/`pid`/`ipc: service:NAME`,
   * `volumes_from`): a new container there means a new one here, as docker compose's hash of
   * the resolved `container:ID` makes it.
   */
  sharesWith?: string[];
}

export type ServiceAction = 'create' | 'recreate' | 'start' | 'unchanged';

export interface PlannedService {
  name: string;
  action: ServiceAction;
  /** The container that is kept, started or replaced. */
  existing: ExistingContainer | null;
}

export interface DeployPlan {
  services: PlannedService[];
  /** Containers to remove: services no longer in the file, and extra replicas the CLI scaled up. */
  obsolete: ExistingContainer[];
}

export function toExistingContainer(info: Dockerode.ContainerInfo): ExistingContainer {
  return {
    id: info.Id,
    name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
    service: info.Labels[LABEL.service] ?? '',
    number: Number(info.Labels[LABEL.containerNumber] ?? '1') || 1,
    oneoff: (info.Labels[LABEL.oneoff] ?? 'False').toLowerCase() === 'true',
    configHash: info.Labels[LABEL.configHash] ?? null,
    imageId: info.ImageID,
    running: info.State === 'running' || info.State === 'restarting',
  };
}

/**
 * Compares the file with what runs: a service is recreated when its configuration hash or its
 * image changed (or always, with `forceRecreate`), started when it is as wanted but stopped, left
 * alone otherwise. One-off
 * containers (`docker compose run`) are not the service's and are left alone.
 */
export function planDeploy(
  desired: DesiredService[],
  existing: ExistingContainer[],
  forceRecreate = false,
  /** Services of the file left out by its profiles: their containers stay (docker compose's rule). */
  leftOut: ReadonlySet<string> = new Set(),
): DeployPlan {
  const live = existing.filter((c) => !c.oneoff);
  const wanted = new Set(desired.map((d) => d.name));
  const obsolete: ExistingContainer[] = live.filter((c) => !wanted.has(c.service) && !leftOut.has(c.service));
  const renewed = new Set<string>();
  // Desired comes in start order, so a service's sharesWith are planned before it.
  const services = desired.map((service): PlannedService => {
    const mine = live.filter((c) => c.service === service.name).sort((a, b) => a.number - b.number);
    const [first, ...extra] = mine;
    obsolete.push(...extra);
    const sharedRenewed = (service.sharesWith ?? []).some((name) => renewed.has(name));
    if (
      !first ||
      forceRecreate ||
      sharedRenewed ||
      first.configHash !== service.configHash ||
      first.imageId !== service.imageId
    )
      renewed.add(service.name);
    if (!first) return { name: service.name, action: 'create', existing: null };
    if (renewed.has(service.name)) return { name: service.name, action: 'recreate', existing: first };
    return { name: service.name, action: first.running ? 'unchanged' : 'start', existing: first };
  });
  return { services, obsolete };
}
