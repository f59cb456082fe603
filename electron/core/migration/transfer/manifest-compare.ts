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
}

export type Manifest = Map<string, ManifestEntry>;

/**
 * Builds a manifest from the two outputs of the manifest commands: the listing
 * (`find -printf '%y\0%m\0%U:%G\0%s\0%l\0%p\0'`) and the hashes (`sha256sum -z`: `HEX  PATH\0`).
 */
export function parseManifest(listing: string, hashes: string): Manifest {
  const manifest: Manifest = new Map();
  const fields = listing.split('\0');
  for (let i = 0; i + 5 < fields.length; i += 6) {
    const [type, mode, owner, size, target, path] = fields.slice(i, i + 6) as [string, string, string, string, string, string];
    manifest.set(path, { type, mode, owner, size: Number(size), target, sha256: '' });
  }
  for (const record of hashes.split('\0')) {
    const match = /^([0-9a-f]{64}) [ *](.*)$/s.exec(record);
    if (!match) continue;
    const entry = manifest.get(match[2] as string);
    if (entry) entry.sha256 = match[1] as string;
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
  if (a.type === 'l' && a.target !== b.target) parts.push(`link target ${displayPath(a.target)} → ${displayPath(b.target)}`);
  if (a.type === 'f' && a.size !== b.size) parts.push(`size ${a.size} → ${b.size}`);
  else if (a.type === 'f' && a.sha256 !== b.sha256) parts.push(`content differs (SHA-256 ${a.sha256.slice(0, 12)}… → ${b.sha256.slice(0, 12) || 'none'}…)`);
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
  const doomed = new Set([...target].filter(([path, type]) => source.get(path) !== type).map(([path]) => path));
  const underDoomed = (path: string): boolean => {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (doomed.has(path.slice(0, slash))) return true;
    }
    return false;
  };
  return [...doomed].filter((path) => !underDoomed(path)).sort();
}
