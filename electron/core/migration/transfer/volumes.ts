import type Dockerode from 'dockerode';
import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { runChecked, throwIfCancelled } from './host-commands.js';
import type { TransferHost, VolumeFacts } from './types.js';

type VolumeInspect = Awaited<ReturnType<Dockerode.Volume['inspect']>>;

export async function inspectVolume(host: TransferHost, volume: string): Promise<VolumeInspect | null> {
  try {
    return await host.docker.getVolume(volume).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

/**
 * The volume's inspect, refusing volumes whose files are not simply below their mountpoint: other
 * drivers keep data elsewhere, and a `local` volume with mount options (nfs, a bind of a device)
 * is only mounted while a container uses it.
 */
export async function copyableVolume(host: TransferHost, volume: string): Promise<VolumeInspect> {
  const info = await inspectVolume(host, volume);
  if (!info)
    throw new CrossdockError('NOT_FOUND', `There is no volume ${volume} on ${host.name}`, { host: host.name, volume });
  const options = Object.keys(info.Options ?? {});
  if (info.Driver !== 'local' || options.length > 0) {
    const what =
      info.Driver !== 'local'
        ? `uses the ${info.Driver} driver`
        : `is a local volume with mount options (${options.join(', ')})`;
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `Volume ${volume} on ${host.name} ${what}; Crossdock copies only plain local volumes. Copy its data yourself.`,
      {
        host: host.name,
        volume,
      },
    );
  }
  return info;
}

/** Bytes allocated below `path` (`du`, so sparse files count what they really hold) and the number of paths there. */
async function usage(
  host: TransferHost,
  path: string,
  what: string,
  signal?: AbortSignal,
): Promise<{ used: number; files: number }> {
  const out = await runChecked(
    host,
    host.asRoot(`du -s -B1 -- ${shQuote(path)} | cut -f1; find ${shQuote(path)} -mindepth 1 | wc -l`),
    what,
    { signal },
  );
  const [used, files] = out
    .trim()
    .split('\n')
    .map((line) => Number(line.trim()));
  return { used: used ?? 0, files: files ?? 0 };
}

/** Bytes allocated below `path`. */
export async function diskUsage(host: TransferHost, path: string, signal?: AbortSignal): Promise<number> {
  const out = await runChecked(host, host.asRoot(`du -s -B1 -- ${shQuote(path)} | cut -f1`), `Measuring ${path}`, {
    signal,
  });
  return Number(out.trim()) || 0;
}

/** Bytes free (for root) on the filesystem holding `path`. */
export async function freeBytesAt(host: TransferHost, path: string, signal?: AbortSignal): Promise<number> {
  const out = await runChecked(
    host,
    host.asRoot(`df -P -B1 -- ${shQuote(path)} | tail -n 1`),
    `Checking free space at ${path}`,
    { signal },
  );
  // Filesystem 1-blocks Used Available Capacity Mounted-on
  const available = Number(out.trim().split(/\s+/)[3]);
  if (!Number.isFinite(available))
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `df on ${host.name} printed something unexpected for ${path}: ${out.trim()}`,
      { host: host.name },
    );
  return available;
}

/** A volume's driver, labels, options, bytes in use and path count on `host`; NOT_FOUND if absent. */
export async function volumeFacts(host: TransferHost, volume: string, signal?: AbortSignal): Promise<VolumeFacts> {
  const info = await inspectVolume(host, volume);
  if (!info)
    throw new CrossdockError('NOT_FOUND', `There is no volume ${volume} on ${host.name}`, { host: host.name, volume });
  const { used, files } = await usage(host, info.Mountpoint, `Measuring volume ${volume}`, signal);
  return {
    name: info.Name,
    driver: info.Driver,
    labels: info.Labels ?? {},
    options: info.Options ?? {},
    bytes: used,
    files,
    mountpoint: info.Mountpoint,
  };
}

/** Free bytes on the filesystem holding the engine's volumes (`<DockerRootDir>/volumes`). */
export async function freeBytesForVolumes(host: TransferHost, signal?: AbortSignal): Promise<number> {
  const info = (await host.docker.info()) as { DockerRootDir?: string };
  return freeBytesAt(host, `${info.DockerRootDir ?? '/var/lib/docker'}/volumes`, signal);
}

export function noSpace(host: TransferHost, volumes: string[], needed: number, free: number): CrossdockError {
  const which = volumes.length === 1 ? `volume ${volumes[0]}` : `volumes ${volumes.join(', ')}`;
  return new CrossdockError(
    'NO_SPACE',
    `${host.name} has ${free} bytes free for ${which}, which need${volumes.length === 1 ? 's' : ''} ${needed}; free some space on ${host.name} or pick another target`,
    { host: host.name, volume: volumes.join(', '), needed, free },
  );
}

/**
 * Throws NO_SPACE (naming the host, volumes, needed and free bytes) when the target's volume
 * filesystem cannot hold the source's volumes. What the target already holds of them counts as
 * reusable (a second attempt).
 */
export async function checkSpaceForVolumes(
  source: TransferHost,
  target: TransferHost,
  volumes: string[],
  signal?: AbortSignal,
): Promise<void> {
  let needed = 0;
  for (const volume of volumes) {
    const facts = await volumeFacts(source, volume, signal);
    const existing = await inspectVolume(target, volume);
    const reusable = existing ? await diskUsage(target, existing.Mountpoint, signal) : 0;
    needed += Math.max(0, facts.bytes - reusable);
  }
  const free = await freeBytesForVolumes(target, signal);
  if (needed > free) throw noSpace(target, volumes, needed, free);
}

/** Creates the volume on the target with the source's driver, labels and options, unless the target has it already. */
export async function ensureVolume(
  source: TransferHost,
  target: TransferHost,
  volume: string,
  signal?: AbortSignal,
): Promise<VolumeInspect> {
  throwIfCancelled(signal, target, `Creating volume ${volume}`);
  const sourceVolume = await copyableVolume(source, volume);
  const existing = await inspectVolume(target, volume);
  if (existing) {
    if (existing.Driver !== sourceVolume.Driver) {
      throw new CrossdockError(
        'ALREADY_EXISTS',
        `${target.name} already has a volume ${volume} with driver ${existing.Driver} (${source.name}'s uses ${sourceVolume.Driver}); remove or rename it first`,
        {
          host: target.name,
          volume,
        },
      );
    }
    return existing;
  }
  await target.docker.createVolume({
    Name: volume,
    Driver: sourceVolume.Driver,
    Labels: sourceVolume.Labels ?? {},
    DriverOpts: sourceVolume.Options ?? {},
  });
  const made = await inspectVolume(target, volume);
  if (!made)
    throw new CrossdockError('FAILED_PRECONDITION', `Docker on ${target.name} did not create volume ${volume}`, {
      host: target.name,
      volume,
    });
  return made;
}

/** Removes the volume on `host` (rollback); one that is absent is fine. */
export async function removeVolumeOn(host: TransferHost, volume: string, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal, host, `Removing volume ${volume}`);
  try {
    await host.docker.getVolume(volume).remove();
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404) return;
    if (status === 409) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `Volume ${volume} on ${host.name} is in use by a container; remove the container first`,
        { host: host.name, volume },
      );
    }
    throw error;
  }
}
