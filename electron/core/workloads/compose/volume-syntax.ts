/** A mount of a service, normalised from either syntax. */
export interface MountSpec {
  type: 'volume' | 'bind';
  /** Volume name as the file declares it (not yet prefixed with the project), or an absolute host path; null: anonymous volume. */
  source: string | null;
  target: string;
  readOnly: boolean;
  /** Binds: create the host directory when missing (short syntax and the long syntax's default). */
  createHostPath: boolean;
  /** Volumes: do not copy the image's content at the target into a new volume. */
  noCopy: boolean;
  /**
   * Volumes: the file gave volume options — the short syntax always does, as compose's own
   * parser does, the long syntax with `volume:` — so docker compose sends VolumeOptions (empty
   * when there is none to set). Not part of the config hash: it changes nothing a container does.
   */
  volumeOptions?: true;
  /** Binds: the SELinux relabelling the short syntax asks for (`:z` shared, `:Z` private). */
  selinux?: 'z' | 'Z';
}

const ACCESS_MODES = new Set(['rw', 'ro', 'z', 'Z', 'nocopy']);

/**
 * The short syntax of `volumes:` — `NAME:/path[:MODE]`, `/host/path:/path[:MODE]`, `/path`
 * (anonymous) — with MODE from rw, ro, z, Z, nocopy (comma-separated).
 */
export function parseShortVolume(text: string): { mount: MountSpec } | { error: string } {
  const parts = text.split(':');
  if (parts.length > 3 || parts.some((p) => p === ''))
    return { error: `"${text}" is not SOURCE:TARGET[:MODE] or TARGET` };
  if (parts.length === 1)
    return checkTarget({
      type: 'volume',
      source: null,
      target: parts[0] ?? '',
      readOnly: false,
      createHostPath: false,
      noCopy: false,
      volumeOptions: true,
    });
  const [source = '', target = '', mode] = parts;
  const modes = mode === undefined ? [] : mode.split(',');
  const unknown = modes.find((m) => !ACCESS_MODES.has(m));
  if (unknown !== undefined) return { error: `access mode "${unknown}" is not supported; use rw, ro, z, Z or nocopy` };
  const bind = isPathLike(source);
  if (bind && !source.startsWith('/')) return { error: relativeBind(source) };
  const selinux = modes.find((m): m is 'z' | 'Z' => m === 'z' || m === 'Z');
  return checkTarget({
    type: bind ? 'bind' : 'volume',
    source,
    target,
    readOnly: modes.includes('ro'),
    createHostPath: true,
    noCopy: modes.includes('nocopy'),
    ...(bind ? {} : { volumeOptions: true as const }),
    ...(bind && selinux ? { selinux } : {}),
  });
}

/** Checks a long-syntax mount's fields that the schema cannot (paths, the source's kind). */
export function checkMount(mount: MountSpec): { mount: MountSpec } | { error: string } {
  if (mount.type === 'bind') {
    if (!mount.source) return { error: 'a bind mount needs a source (an absolute path on the host)' };
    if (!mount.source.startsWith('/')) return { error: relativeBind(mount.source) };
  } else if (mount.source !== null && isPathLike(mount.source)) {
    return { error: `"${mount.source}" is a path: use type: bind for host paths, or a volume name` };
  }
  return checkTarget(mount);
}

function checkTarget(mount: MountSpec): { mount: MountSpec } | { error: string } {
  if (!mount.target.startsWith('/')) return { error: `the container path "${mount.target}" must be absolute` };
  return { mount };
}

function isPathLike(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

function relativeBind(source: string): string {
  return `the bind source "${source}" is relative: the compose file is on this computer but the container runs on the host, so give an absolute path on the host`;
}
