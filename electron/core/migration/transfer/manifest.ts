import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { runBinary } from './host-commands.js';
import { compareManifestEntries, parseManifest, sha256Records, type Manifest } from './manifest-compare.js';
import type { ManifestComparison, TransferHost, TransferOptions } from './types.js';
import { inspectVolume } from './volumes.js';

// How many differing paths a comparison lists (the count says how many there are in all).
const MAX_LISTED = 100;

/**
 * SHA-256 of every regular file below the current directory, in one of the two shapes
 * sha256Records() reads. openssl's SHA-256 uses the CPU's SHA instructions and is several times
 * faster than coreutils' sha256sum (measured in a rig machine on a 1 GB volume of 10,800 files:
 * 1.9–2.2 s against 9.4–12.6 s), and the verify after the source stopped waits for it. Its
 * `-binary` output is the bare digests in the order of the names given, so names go in as a
 * NUL-separated list and never pass through openssl's own quoting of odd names. Without
 * openssl, sha256sum -z.
 */
export const HASH_FILES_SCRIPT = [
  'if command -v openssl >/dev/null 2>&1; then',
  '  t=$(mktemp -d) || exit 1',
  '  trap \'rm -rf "$t"\' EXIT',
  '  find . -type f -print0 >"$t/list" || exit 1',
  '  xargs -0 -r openssl dgst -sha256 -binary <"$t/list" >"$t/digests" || exit 1',
  '  printf \'@openssl %s\\n\' "$(wc -c <"$t/list")"',
  '  cat "$t/list" "$t/digests"',
  'else',
  "  printf '@sha256sum\\n'",
  '  find . -type f -print0 | xargs -0 -r sha256sum -z --',
  'fi',
].join('\n');

/**
 * A volume's manifest, computed on the host itself (find, and openssl or sha256sum, as root):
 * only names, metadata and digests come back, never file data. Names travel NUL-separated as
 * raw bytes.
 */
export async function volumeManifest(host: TransferHost, volume: string, signal?: AbortSignal): Promise<Manifest> {
  const info = await inspectVolume(host, volume);
  if (!info) throw new CrossdockError('NOT_FOUND', `There is no volume ${volume} on ${host.name}`, { host: host.name, volume });
  const cd = `cd -- ${shQuote(info.Mountpoint)}`;
  const [listing, hashes] = await Promise.all([
    runBinary(host, host.asRoot(`${cd} && find . -printf '%y\\0%m\\0%U:%G\\0%s\\0%l\\0%p\\0'`), `Listing volume ${volume}`, { signal }),
    runBinary(host, host.asRoot(`${cd} && ${HASH_FILES_SCRIPT}`), `Computing SHA-256 of volume ${volume}`, { signal }),
  ]);
  const records = sha256Records(hashes);
  if (records === null) {
    throw new CrossdockError('FAILED_PRECONDITION', `Computing SHA-256 of volume ${volume} on ${host.name} printed something unexpected: ${hashes.subarray(0, 80).toString('latin1')}`, { host: host.name, volume });
  }
  return parseManifest(listing.toString('latin1'), records);
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
