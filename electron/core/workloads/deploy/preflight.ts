import type Dockerode from 'dockerode';
import { CrossdockError, type PortReassignment } from '../../../../shared/index.js';
import {
  conflictsAmong,
  describeHolder,
  heldPorts,
  nextFreePort,
  portConflictError,
  type PortTarget,
  type WantedPort,
} from '../../ports/port-conflicts.js';
import type { ComposeFile } from '../compose/compose-model.js';
import { portOverrideKey, type ResourceNames } from './container-spec.js';
import type { DeployPlan } from './deploy-plan.js';

/** Runs a Docker call, naming the thing in the error when Docker refuses. */
export type DockerCall = <T>(what: string, operation: (docker: Dockerode) => Promise<T>) => Promise<T>;

/**
 * The id of each service's image on the host. Nothing is pulled: a missing image is NOT_FOUND
 * naming every missing image and the host, before anything changes.
 */
export async function resolveImages(
  file: ComposeFile,
  hostName: string,
  call: DockerCall,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, service] of Object.entries(file.services)) {
    try {
      ids[name] = (await call(`Image "${service.image}"`, (d) => d.getImage(service.image).inspect())).Id;
    } catch (error) {
      if (error instanceof CrossdockError && error.code === 'NOT_FOUND') missing.push(service.image);
      else throw error;
    }
  }
  if (missing.length > 0) {
    const list = [...new Set(missing)].map((image) => `"${image}"`).join(', ');
    throw new CrossdockError(
      'NOT_FOUND',
      `${missing.length === 1 ? 'Image' : 'Images'} ${list} ${missing.length === 1 ? 'is' : 'are'} not on host ${hostName}, and Crossdock does not pull images: load ${missing.length === 1 ? 'it' : 'them'} there first (docker load or docker build on the host, or migrate from a host that has ${missing.length === 1 ? 'it' : 'them'})`,
      { host: hostName, images: [...new Set(missing)] },
    );
  }
  return ids;
}

/** External networks and volumes must already exist on the host. */
export async function checkExternals(
  file: ComposeFile,
  names: ResourceNames,
  hostName: string,
  call: DockerCall,
): Promise<void> {
  const used = usedResources(file);
  for (const key of used.networks) {
    if (!file.networks[key]?.external) continue;
    const name = names.networks[key] ?? key;
    const found = await call('Networks', (d) => d.listNetworks({ filters: { name: [name] } }));
    if (!found.some((n) => n.Name === name)) {
      throw new CrossdockError(
        'NOT_FOUND',
        `Network "${name}" is declared external but does not exist on host ${hostName}: create it there (docker network create ${name}) or drop external: true`,
        { host: hostName, network: name },
      );
    }
  }
  for (const key of used.volumes) {
    if (!file.volumes[key]?.external) continue;
    const name = names.volumes[key] ?? key;
    const found = await call('Volumes', (d) => d.listVolumes({ filters: { name: [name] } }));
    if (!(found.Volumes ?? []).some((v) => v.Name === name)) {
      throw new CrossdockError(
        'NOT_FOUND',
        `Volume "${name}" is declared external but does not exist on host ${hostName}: create it there (docker volume create ${name}) or drop external: true`,
        { host: hostName, volume: name },
      );
    }
  }
}

/** Network and volume keys the services use (compose creates only those). */
export function usedResources(file: ComposeFile): { networks: string[]; volumes: string[] } {
  const networks = new Set<string>();
  const volumes = new Set<string>();
  for (const service of Object.values(file.services)) {
    for (const key of Object.keys(service.networks)) networks.add(key);
    for (const mount of service.volumes) if (mount.type === 'volume' && mount.source) volumes.add(mount.source);
  }
  return { networks: [...networks], volumes: [...volumes] };
}

/**
 * Checks the host ports of every service the plan (re)starts against what holds them now
 * (ignoring the project's own containers about to be replaced or removed). Without
 * `autoPorts` a taken port is PORT_CONFLICT; with it, the next free port is used instead, and a
 * stopped service that was to be merely started is recreated to publish it.
 */
export async function checkPorts(
  file: ComposeFile,
  plan: DeployPlan,
  target: PortTarget,
  autoPorts: boolean,
): Promise<{ overrides: Map<string, Map<string, number>>; reassigned: PortReassignment[] }> {
  const active = plan.services.filter((s) => s.action !== 'unchanged');
  const wanted: (WantedPort & { service: string; target: number })[] = [];
  for (const planned of active) {
    for (const port of file.services[planned.name]?.ports ?? []) {
      if (port.published !== null)
        wanted.push({
          service: planned.name,
          target: port.target,
          port: port.published,
          protocol: port.protocol,
          hostIp: port.hostIp ?? undefined,
        });
    }
  }
  const overrides = new Map<string, Map<string, number>>();
  const reassigned: PortReassignment[] = [];
  if (wanted.length === 0) return { overrides, reassigned };

  const replaced = [...active.flatMap((s) => (s.existing ? [s.existing.id] : [])), ...plan.obsolete.map((c) => c.id)];
  const held = await heldPorts(target, { ignoreContainers: replaced });
  const conflicts = conflictsAmong(target.hostName, held, wanted);
  if (conflicts.length === 0) return { overrides, reassigned };
  if (!autoPorts) throw portConflictError(conflicts);

  const reserved = new Set(wanted.map((w) => `${w.protocol}/${w.port}`));
  for (const conflict of conflicts) {
    for (const want of wanted.filter((w) => w.port === conflict.port && w.protocol === conflict.protocol)) {
      const assigned = nextFreePort(held, want, reserved);
      if (assigned === null) throw portConflictError([conflict], 'no free port is left on the host');
      reserved.add(`${want.protocol}/${assigned}`);
      const forService = overrides.get(want.service) ?? new Map<string, number>();
      forService.set(portOverrideKey(want.target, want.protocol, want.port), assigned);
      overrides.set(want.service, forService);
      reassigned.push({
        service: want.service,
        target: want.target,
        protocol: want.protocol,
        wanted: want.port,
        assigned,
        holder: describeHolder(conflict.holder),
      });
      const planned = plan.services.find((s) => s.name === want.service);
      if (planned?.action === 'start') planned.action = 'recreate';
    }
  }
  return { overrides, reassigned };
}
