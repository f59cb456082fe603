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
import { type PullPolicy, pullDecision } from '../../images/pull-policy.js';
import type { ComposeFile } from '../compose/compose-model.js';
import { portOverrideKey, type ResourceNames } from './container-spec.js';
import type { DeployPlan } from './deploy-plan.js';

/** Runs a Docker call, naming the thing in the error when Docker refuses. */
export type DockerCall = <T>(what: string, operation: (docker: Dockerode) => Promise<T>) => Promise<T>;

/** Pulls one image on the deploy's host (pull-image.ts with the host's engine and credentials). */
export type PullOne = (image: string) => Promise<void>;

/**
 * The id of each service's image on the host, pulling what the pull policy asks for first (the
 * deploy's `--pull` over each service's `pull_policy`): each distinct image once, all at the same
 * time. An image missing under `never` is NOT_FOUND naming every such image and the host, before
 * anything is pulled or changed. Services with a `build:` section are left to the build step
 * (build-images.ts): their image is built on the host, never pulled.
 */
export async function ensureImages(
  file: ComposeFile,
  hostName: string,
  call: DockerCall,
  options: { override: PullPolicy | null; pull: PullOne },
): Promise<Record<string, string>> {
  const inspect = async (image: string): Promise<string | null> => {
    try {
      return (await call(`Image "${image}"`, (d) => d.getImage(image).inspect())).Id;
    } catch (error) {
      if (error instanceof CrossdockError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  };
  const ids: Record<string, string> = {};
  const toPull = new Set<string>();
  const missing: string[] = [];
  const pulled = Object.entries(file.services).flatMap(([name, service]) =>
    service.build === null && service.image !== null && service.pullPolicy !== 'build'
      ? [{ name, image: service.image, policy: service.pullPolicy }]
      : [],
  );
  for (const { name, image, policy } of pulled) {
    const id = await inspect(image);
    const decision = pullDecision(options.override ?? policy, id !== null);
    if (decision === 'pull') toPull.add(image);
    else if (decision === 'missing') missing.push(image);
    else if (id !== null) ids[name] = id;
  }
  if (missing.length > 0) {
    const list = [...new Set(missing)];
    const one = list.length === 1;
    throw new CrossdockError(
      'NOT_FOUND',
      `${one ? 'Image' : 'Images'} ${list.map((image) => `"${image}"`).join(', ')} ${one ? 'is' : 'are'} not on host ${hostName} and the pull policy is never: deploy with --pull missing (or drop pull_policy: never), or load ${one ? 'it' : 'them'} there first`,
      { host: hostName, images: list },
    );
  }
  await Promise.all([...toPull].map((image) => options.pull(image)));
  for (const { name, image } of pulled) {
    if (ids[name] !== undefined) continue;
    const id = await inspect(image);
    if (id === null) {
      throw new CrossdockError('NOT_FOUND', `Image "${image}" is not on host ${hostName} after pulling it`, {
        host: hostName,
        images: [image],
      });
    }
    ids[name] = id;
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
