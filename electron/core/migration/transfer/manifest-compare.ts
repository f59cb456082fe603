// Pure logic over volume listings. Paths are latin1 strings: one character per byte of the file
// name, so names that are not valid UTF-8 survive the round trip (Buffer.from(path, 'latin1')).

/** One path of a volume's manifest. */
export interface ManifestEntry {
  /** `find -printf %y`: f file, d directory, l symlink, p fifo, s socket, c/b devices. */
  type: string;
  /** Permission bits in octal, setuid/setgid/sticky included. */
  mode: string;
  /** `uid:gid`. */
  owner: string;
  size: number;
  /** Symlink target ('' for other types). */
  target: string;
  /** SHA-256 of a regular file's content ('' for other types). */
  sha256: string;
  /** Inode number: a file that moved (with its directory) keeps it, under a new path. Not compared between hosts. */
  inode: string;
  /** Last status change, seconds since the epoch on the listing host's clock. Not compared between hosts. */
  ctime: number;
}

/** The `find -printf` format of a manifest listing: type, mode, owner, size, link target, inode, ctime, path. */
export const LISTING_PRINTF = '%y\\0%m\\0%U:%G\\0%s\\0%l\\0%i\\0%C@\\0%p\\0';
const LISTING_FIELDS = 8;

export type Manifest = Map<string, ManifestEntry>;

/**
 * Builds a manifest from the two outputs of the manifest commands: the listing
 * (`find -printf LISTING_PRINTF`) and the hashes (`sha256sum -z`: `HEX  PATH\0`).
 */
export function parseManifest(listing: string, hashes: string): Manifest {
  const manifest: Manifest = new Map();
  const fields = listing.split('\0');
  for (let i = 0; i + LISTING_FIELDS - 1 < fields.length; i += LISTING_FIELDS) {
    const [type, mode, owner, size, target, inode, ctime, path] = fields.slice(i, i + LISTING_FIELDS) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    manifest.set(path, { type, mode, owner, size: Number(size), target, sha256: '', inode, ctime: Number(ctime) });
  }
  for (const [path, sha256] of digestsOf(hashes)) {
    const entry = manifest.get(path);
    if (entry) entry.sha256 = sha256;
  }
  return manifest;
}

/**
 * The output of the volume hash command (manifest.ts) as `sha256sum -z` records (`HEX  PATH\0`,
 * latin1), or null when it is not in either of that command's shapes:
 * - `@sha256sum\n` then sha256sum -z's own records;
 * - `@openssl N\n`, then N bytes of NUL-terminated names, then one 32-byte digest per name in
 *   the same order (`openssl dgst -sha256 -binary`).
 */
export function sha256Records(output: Buffer): string | null {
  const newline = output.indexOf(0x0a);
  if (newline < 0) return null;
  const header = output.subarray(0, newline).toString('latin1').trim();
  const rest = output.subarray(newline + 1);
  if (header === '@sha256sum') return rest.toString('latin1');
  const openssl = /^@openssl (\d+)$/.exec(header);
  if (!openssl) return null;
  const listBytes = Number(openssl[1]);
  if (listBytes > rest.length) return null;
  // The list ends with a NUL, so splitting leaves one empty string after the last name.
  const names = rest.subarray(0, listBytes).toString('latin1').split('\0').slice(0, -1);
  const digests = rest.subarray(listBytes);
  if (digests.length !== names.length * 32) return null;
  return names.map((name, i) => `${digests.subarray(i * 32, (i + 1) * 32).toString('hex')}  ${name}\0`).join('');
}

/** A path for people: UTF-8 where the bytes are, without find's leading `./`. */
export function displayPath(path: string): string {
  const shown = Buffer.from(path, 'latin1').toString('utf8');
  return shown === '.' ? '/ (the volume root)' : shown.replace(/^\.\//, '');
}

/** What differs for one path, or null when the entries match. Directory sizes depend on the filesystem and are not compared. */
function entryDifference(a: ManifestEntry, b: ManifestEntry): string | null {
  if (a.type !== b.type) return `type ${a.type} on the source, ${b.type} on the target`;
  const parts: string[] = [];
  // A symlink's own mode is always 777 on Linux and not carried by anything.
  if (a.type !== 'l' && a.mode !== b.mode) parts.push(`mode ${a.mode} → ${b.mode}`);
  if (a.owner !== b.owner) parts.push(`owner ${a.owner} → ${b.owner}`);
  if (a.type === 'l' && a.target !== b.target)
    parts.push(`link target ${displayPath(a.target)} → ${displayPath(b.target)}`);
  if (a.type === 'f' && a.size !== b.size) parts.push(`size ${a.size} → ${b.size}`);
  else if (a.type === 'f' && a.sha256 !== b.sha256)
    parts.push(`content differs (SHA-256 ${a.sha256.slice(0, 12)}… → ${b.sha256.slice(0, 12) || 'none'}…)`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Every difference between the source's and the target's manifests, one line per path, sorted. */
export function compareManifestEntries(source: Manifest, target: Manifest): string[] {
  const differences: string[] = [];
  for (const [path, entry] of source) {
    const other = target.get(path);
    if (!other) differences.push(`${displayPath(path)}: missing on the target`);
    else {
      const difference = entryDifference(entry, other);
      if (difference) differences.push(`${displayPath(path)}: ${difference}`);
    }
  }
  for (const path of target.keys()) if (!source.has(path)) differences.push(`${displayPath(path)}: only on the target`);
  return differences.sort();
}

/**
 * The target's paths to delete before a delta pass: gone from the source, or of another type
 * there (tar cannot put a directory where a file is, or the reverse). Children of a deleted
 * directory are left out (`rm -rf` of the directory takes them).
 */
export function pathsGoneOrRetyped(source: Map<string, string>, target: Map<string, string>): string[] {
  return topmostPaths([...target].filter(([path, type]) => source.get(path) !== type).map(([path]) => path)).sort();
}

/** The paths (`./a/b`) none of whose parent directories is among them, in their order. */
export function topmostPaths(paths: readonly string[]): string[] {
  const all = new Set(paths);
  const underAnother = (path: string): boolean => {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (all.has(path.slice(0, slash))) return true;
    }
    return false;
  };
  return paths.filter((path) => !underAnother(path));
}

/**
 * The regular files of `now` whose digest must be computed again, given a manifest taken earlier
 * (`before`) on the same host whose scans all began after `since` (seconds, that host's clock).
 * A file keeps its earlier digest only when the same inode is at the same path with the same
 * size and its ctime is still before `since`: every write, truncate, rename or link of an inode
 * moves its ctime, so nothing changed its content after the earlier scan read it. The inode
 * check catches files that moved with a renamed directory (their own ctime does not move then).
 * Writes through a shared memory map move ctime only on the first write after the page was last
 * written back, which is why the source is flushed (`sync`) before `since` is taken.
 */
export function pathsToRehash(before: Manifest, now: Manifest, since: number): string[] {
  const paths: string[] = [];
  for (const [path, entry] of now) {
    if (entry.type !== 'f') continue;
    const earlier = before.get(path);
    const unchanged =
      earlier?.type === 'f' &&
      earlier.sha256 !== '' &&
      earlier.inode === entry.inode &&
      earlier.size === entry.size &&
      entry.ctime < since;
    if (!unchanged) paths.push(path);
  }
  return paths;
}

/**
 * `now` with the digests of the `rehashed` files taken from `fresh` (`sha256sum -z` records) and
 * every other regular file's from `before`. A rehashed file missing from `fresh` gets none, and
 * so differs from any digest it is compared with.
 */
export function mergeDigests(before: Manifest, now: Manifest, rehashed: string[], fresh: string): Manifest {
  const digests = digestsOf(fresh);
  const again = new Set(rehashed);
  const result: Manifest = new Map();
  for (const [path, entry] of now) {
    const sha256 =
      entry.type !== 'f' ? '' : again.has(path) ? (digests.get(path) ?? '') : (before.get(path)?.sha256 ?? '');
    result.set(path, { ...entry, sha256 });
  }
  return result;
}

/** Path → digest of `sha256sum -z` records (`HEX  PATH\0`, latin1). */
export function digestsOf(records: string): Map<string, string> {
  const digests = new Map<string, string>();
  for (const record of records.split('\0')) {
    const match = /^([0-9a-f]{64}) [ *](.*)$/s.exec(record);
    if (match) digests.set(match[2] as string, match[1] as string);
  }
  return digests;
}
