import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { runBinary } from './host-commands.js';
import { compareManifestEntries, parseManifest, type Manifest } from './manifest-compare.js';
import type { ManifestComparison, TransferHost, TransferOptions } from './types.js';
import { inspectVolume } from './volumes.js';

// How many differing paths a comparison lists (the count says how many there are in all).
const MAX_LISTED = 100;

/**
 * A volume's manifest, computed on the host itself (find and sha256sum as root): only names,
 * metadata and digests come back, never file data. Names travel NUL-separated as raw bytes.
 */
export async function volumeManifest(host: TransferHost, volume: string, signal?: AbortSignal): Promise<Manifest> {
  const info = await inspectVolume(host, volume);
  if (!info) throw new CrossdockError('NOT_FOUND', `There is no volume ${volume} on ${host.name}`, { host: host.name, volume });
  const cd = `cd -- ${shQuote(info.Mountpoint)}`;
  const [listing, hashes] = await Promise.all([
    runBinary(host, host.asRoot(`${cd} && find . -printf '%y\\0%m\\0%U:%G\\0%s\\0%l\\0%p\\0'`), `Listing volume ${volume}`, { signal }),
    runBinary(host, host.asRoot(`${cd} && find . -type f -print0 | xargs -0 -r sha256sum -z --`), `Computing SHA-256 of volume ${volume}`, { signal }),
  ]);
  return parseManifest(listing.toString('latin1'), hashes.toString('latin1'));
}

/**
 * Compares the volume's manifests on A and B: per path its type, mode, owner, size, symlink
 * target and, for regular files, SHA-256. Both are computed at the same time, each on its host.
 */
export async function compareManifests(a: TransferHost, b: TransferHost, volume: string, options: TransferOptions = {}): Promise<ManifestComparison> {
  options.log?.(`Comparing SHA-256 manifests of volume ${volume} on ${a.name} and ${b.name}`);
  const [source, target] = await Promise.all([volumeManifest(a, volume, options.signal), volumeManifest(b, volume, options.signal)]);
  const differences = compareManifestEntries(source, target);
  const result = { match: differences.length === 0, files: source.size, differences: differences.slice(0, MAX_LISTED), differenceCount: differences.length };
  options.log?.(result.match ? `Volume ${volume}: ${source.size} paths match` : `Volume ${volume}: ${differences.length} path(s) differ, e.g. ${differences.slice(0, 3).join('; ')}`);
  return result;
}
