import {
  CrossdockError,
  toWireError,
  type MigrationPlan,
  type PlannedNetwork,
  type PlannedVolume,
  type WireError,
} from '../../../shared/index.js';
import { shQuote } from '../bootstrap/shell-quote.js';
import { findPortConflicts, portConflictError, type PortTarget } from '../ports/port-conflicts.js';
import { containerStop, estimateMigration } from './estimate.js';
import { formatBytes } from './format-bytes.js';
import { containerSpecs, findSourceContainers, type ContainerSpec, type SourceRef } from './source-containers.js';
import { freeBytesForVolumes, imagesToSend, probeRoute, volumeFacts, type TransferHost } from './transfer/index.js';

export interface PlanInput {
  source: TransferHost;
  target: TransferHost;
  /** The target's ports, as the port-conflict check sees them. */
  targetPorts: PortTarget;
  /** What to move from the source. */
  sourceRef: SourceRef;
  migrationId: string;
  forceRelay: boolean;
  healthySeconds: number;
  /** Bytes per second of the last migration between these hosts, if any. */
  measuredBytesPerSecond: number | null;
  signal?: AbortSignal | undefined;
}

export interface PlannedMigration {
  plan: MigrationPlan;
  specs: ContainerSpec[];
}

/** `x86_64` and `amd64` are the same thing under two names (uname vs Go); likewise arm64. */
export function normaliseArchitecture(arch: string): string {
  const lower = arch.toLowerCase();
  if (lower === 'x86_64' || lower === 'x86-64') return 'amd64';
  if (lower === 'aarch64' || lower === 'arm64/v8') return 'arm64';
  return lower;
}

/** An image for another architecture than the target's is refused: amd64 does not run on arm64, nor the reverse. */
export function architectureMismatches(
  images: { ref: string; architecture: string }[],
  targetName: string,
  targetArch: string,
): CrossdockError[] {
  return images.flatMap((image) => {
    const arch = normaliseArchitecture(image.architecture);
    if (arch === targetArch) return [];
    return [
      new CrossdockError(
        'FAILED_PRECONDITION',
        `Image ${image.ref} is built for ${arch} but ${targetName} runs ${targetArch}; build the image for ${targetArch} (docker buildx --platform linux/${targetArch}) or pick a ${arch} target`,
        {
          host: targetName,
          image: image.ref,
          imageArchitecture: arch,
          targetArchitecture: targetArch,
        },
      ),
    ];
  });
}

/**
 * Everything the migration would do, found without changing anything on either host: the
 * containers and how they would be recreated, image layers and volume bytes to move, the route,
 * and every reason to refuse (each a WireError with its code, so the caller can show them all
 * and `start` can refuse with the first).
 */
export async function planMigration(input: PlanInput): Promise<PlannedMigration> {
  const { source, target, signal } = input;
  if (source.id === target.id)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The source and the target are the same host (${source.name}); pick another target`,
      { host: source.name },
    );
  const infos = await findSourceContainers(source, input.sourceRef, signal);
  const specs = await containerSpecs(source, infos, input.migrationId);
  const blockers: WireError[] = [];
  const warnings = specs.flatMap((s) => s.spec.warnings);
  const block = (error: CrossdockError): void => void blockers.push(toWireError(error, 'Migration plan'));

  for (const s of specs) {
    for (const reason of s.spec.unsupported)
      block(
        new CrossdockError(
          'FAILED_PRECONDITION',
          `Container ${s.spec.name} on ${source.name} cannot be migrated: ${reason}`,
          { host: source.name, container: s.spec.name },
        ),
      );
  }

  const [images, targetInfo, route] = await Promise.all([
    imagesToSend(source, target, [...new Set(specs.map((s) => s.image))], signal),
    target.docker.info() as Promise<{ Architecture?: string }>,
    probeRoute(source, target, { migrationId: input.migrationId, forceRelay: input.forceRelay, signal }),
  ]);

  // Architecture: an amd64 image does not run on an arm64 host (or the other way round).
  const targetArch = normaliseArchitecture(targetInfo.Architecture ?? 'unknown');
  const sourceArchs = [...new Set(images.map((i) => normaliseArchitecture(i.architecture)))];
  architectureMismatches(images, target.name, targetArch).forEach(block);

  // Names that must be free on the target: containers and volumes (a volume that exists there
  // would mix its files with the source's).
  const volumeNames = [...new Set(specs.flatMap((s) => s.spec.volumes))];
  const [takenContainers, takenVolumes] = await Promise.all([
    existing(
      specs.map((s) => s.spec.name),
      (name) => target.docker.getContainer(name).inspect(),
    ),
    existing(volumeNames, (name) => target.docker.getVolume(name).inspect()),
  ]);
  for (const name of takenContainers)
    block(
      new CrossdockError(
        'ALREADY_EXISTS',
        `A container named ${name} already exists on ${target.name}; remove or rename it there first`,
        { host: target.name, container: name },
      ),
    );
  for (const name of takenVolumes)
    block(
      new CrossdockError(
        'ALREADY_EXISTS',
        `A volume named ${name} already exists on ${target.name}; its files would mix with ${source.name}'s. Remove or rename it there first`,
        { host: target.name, volume: name },
      ),
    );

  // Volumes and space.
  const volumes: PlannedVolume[] = await Promise.all(
    volumeNames.map(async (name) => {
      const facts = await volumeFacts(source, name, signal);
      return { name, driver: facts.driver, bytes: facts.bytes, files: facts.files };
    }),
  );
  const volumeBytes = volumes.reduce((sum, v) => sum + v.bytes, 0);
  const freeBytes = volumes.length > 0 ? await freeBytesForVolumes(target, signal) : 0;
  if (volumes.length > 0 && freeBytes < volumeBytes) {
    block(
      new CrossdockError(
        'NO_SPACE',
        `${target.name} has ${formatBytes(freeBytes)} free for Docker volumes, but ${volumes.map((v) => v.name).join(', ')} need ${formatBytes(volumeBytes)}; free space there or pick another target`,
        {
          host: target.name,
          volumes: volumes.map((v) => v.name),
          neededBytes: volumeBytes,
          freeBytes,
        },
      ),
    );
  }

  // Bind mounts: host paths are host configuration, not container data; they are not copied.
  for (const s of specs) {
    for (const path of s.spec.binds) {
      const found = await target.exec(target.asRoot(`test -e ${shQuote(path)}`), { signal });
      if (found.exitCode !== 0) {
        block(
          new CrossdockError(
            'FAILED_PRECONDITION',
            `Container ${s.spec.name} bind-mounts ${path}, which does not exist on ${target.name}. Crossdock does not copy bind-mounted host paths: create it there, or move the data into a named volume`,
            {
              host: target.name,
              container: s.spec.name,
              path,
            },
          ),
        );
      }
    }
  }

  // Networks: user-defined ones are created on the target unless it has them.
  const networkNames = [...new Set(specs.flatMap((s) => s.spec.networks))];
  const networks: PlannedNetwork[] = await Promise.all(
    networkNames.map(async (name) => {
      const onSource = (await source.docker.getNetwork(name).inspect()) as { Driver: string };
      const onTarget = await target.docker
        .getNetwork(name)
        .inspect()
        .then(
          (n: { Driver: string }) => n,
          () => null,
        );
      if (onTarget && onTarget.Driver !== onSource.Driver)
        warnings.push(
          `Network ${name} exists on ${target.name} with driver ${onTarget.Driver} (${onSource.Driver} on ${source.name}); the containers join the existing one`,
        );
      return { name, driver: onSource.Driver, existsOnTarget: onTarget !== null };
    }),
  );

  // Ports published on the target must be free there.
  const wanted = specs.filter((s) => s.running).flatMap((s) => s.spec.publishedPorts);
  const conflicts = await findPortConflicts(input.targetPorts, wanted);
  if (conflicts.length > 0)
    block(
      portConflictError(
        conflicts,
        `stop or move what holds it on ${target.name}, or publish another port on ${source.name} before migrating`,
      ),
    );

  // Only the layers the target lacks are sent (see sendImages); each image once, whatever refs name it.
  const imageBytesToSend = [...new Map(images.map((i) => [i.id, i.bytesToSend])).values()].reduce(
    (sum, bytes) => sum + bytes,
    0,
  );
  const running = specs.filter((s) => s.running);
  const plan: MigrationPlan = {
    source: { hostId: source.id, hostName: source.name, kind: input.sourceRef.kind, name: input.sourceRef.name },
    target: { hostId: target.id, hostName: target.name, architecture: targetArch },
    containers: specs.map((s) => ({
      id: s.info.Id,
      name: s.spec.name,
      image: s.info.Config.Image,
      imageId: s.info.Image,
      running: s.running,
      hasHealthcheck: s.hasHealthcheck,
      ports: s.spec.publishedPorts.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.port}/${p.protocol}`),
      volumes: s.spec.volumes,
      binds: s.spec.binds,
      networks: s.spec.networks,
      stop: containerStop(s.info.Config),
    })),
    images,
    imageBytesToSend,
    volumes,
    volumeBytes,
    networks,
    space: { freeBytes, neededBytes: volumeBytes },
    architecture: { source: sourceArchs, target: targetArch, match: sourceArchs.every((arch) => arch === targetArch) },
    portConflicts: conflicts.map((c) => `${c.host}:${c.port}/${c.protocol}`),
    route: { kind: route.kind, reason: route.reason },
    estimate: estimateMigration({
      imageBytes: imageBytesToSend,
      volumeBytes,
      running: running.map((s) => ({ name: s.spec.name, stop: containerStop(s.info.Config) })),
      anyHealthcheck: running.some((s) => s.hasHealthcheck),
      healthySeconds: input.healthySeconds,
      measuredBytesPerSecond: input.measuredBytesPerSecond,
    }),
    blockers,
    warnings,
  };
  return { plan, specs };
}

/** The names for which `probe` succeeds (the thing exists); a 404 means free. */
async function existing(names: string[], probe: (name: string) => Promise<unknown>): Promise<string[]> {
  const found = await Promise.all(
    names.map((name) =>
      probe(name).then(
        () => true,
        (error: unknown) => {
          if ((error as { statusCode?: number }).statusCode === 404) return false;
          throw error;
        },
      ),
    ),
  );
  return names.filter((_, i) => found[i]);
}
