import { counted, CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { hostClockSeconds, runBinary, runChecked } from './host-commands.js';
import { pathsGoneOrRetyped } from './manifest-compare.js';
import { directoryInodes, movedDirectories } from './moved-directories.js';
import { pipe } from './pipe.js';
import { routeInternals } from './route.js';
import type { CopyVolumeOptions, CopyVolumeResult, Route, TransferHost } from './types.js';
import { copyableVolume, diskUsage, ensureVolume, freeBytesAt, inspectVolume, noSpace } from './volumes.js';

/**
 * GNU tar options on both ends: numeric owners (ids mean the same to the container whatever
 * users the hosts have), permissions, ACLs and every xattr namespace (file capabilities live in
 * security.capability), and holes of sparse files kept as holes.
 */
const TAR_OPTIONS = "--numeric-owner --xattrs --xattrs-include='*' --acls --sparse";

// While the container runs, a listed file may change or vanish before tar reads it (find, too,
// may meet a directory that just went): the next pass, after the stop, copies it again or
// deletes it on the target, so neither fails this one. tar still exits 1 for a file that changed.
const WHILE_RUNNING =
  '--ignore-failed-read --warning=no-file-changed --warning=no-file-removed --warning=no-failed-read';

// The marker is this much earlier than the source's clock: file times come from the kernel's coarse
// clock, which may lag `date` by a tick. Copying a few files twice is harmless; missing one is not.
const MARKER_SLACK_S = 2;

// More moved directories than this between two passes, and the pass copies the whole volume: their
// inode numbers go on the source's command line (about 16 bytes each, well under Linux's 128 KiB
// for one argument).
const MAX_MOVED_DIRECTORIES = 4000;

/** The source's clock now, minus the slack, in seconds since the epoch. */
async function takeMarker(source: TransferHost, signal?: AbortSignal): Promise<string> {
  return String((await hostClockSeconds(source, signal)) - MARKER_SLACK_S);
}

/**
 * Copies a volume's files from the source to the target over the route, creating the volume on the
 * target if needed.
 * - `bulk`: the whole volume, while its container may still run (tar's "file changed as we read
 *   it", exit 1, is expected then; the delta pass fixes those files). Checks the target's free
 *   space first.
 * - `delta`: after the container stopped: deletes on the target the paths gone from the source (or
 *   whose type changed), then copies every path whose mtime or ctime is newer than the marker
 *   (ctime catches renames and files given an old mtime, as `cp -p` or tar do), and the whole
 *   subtree of every directory moved since the last pass (its files keep their times; found by
 *   comparing the source's directories' inodes with the last pass's `dirs`). With `running`, the
 *   same while the container still runs, to shorten the pass after the stop.
 * Every pass hands back the source's directories as it saw them, for the next pass.
 */
export async function copyVolume(
  route: Route,
  volume: string,
  pass: 'bulk' | 'delta',
  options: CopyVolumeOptions = {},
): Promise<CopyVolumeResult> {
  const { from: source, to: target } = routeInternals(route);
  const { signal } = options;
  // The delta pass runs during the downtime: both inspects at once, the target's volume made only
  // if it is somehow missing (the bulk pass made it).
  const [sourceVolume, existing] = await Promise.all([
    copyableVolume(source, volume),
    pass === 'delta' ? inspectVolume(target, volume) : null,
  ]);
  const targetVolume = existing ?? (await ensureVolume(source, target, volume, signal));
  const from = shQuote(sourceVolume.Mountpoint);
  const into = shQuote(targetVolume.Mountpoint);
  const spec = {
    // --ignore-zeros: read to the end of the stream, not only to the archive's end blocks, so
    // the receiving end never quits while the sending end is still finishing.
    consumer: `cd -- ${into} && tar -x -p -f - --ignore-zeros ${TAR_OPTIONS}`,
    noSpace: (stderr: string) =>
      new CrossdockError(
        'NO_SPACE',
        `${target.name} ran out of disk space while receiving volume ${volume}: ${stderr.trim().slice(-300)}`,
        { host: target.name, volume },
      ),
  };
  const progress = (bytes: number, totalBytes?: number): void =>
    options.onProgress?.({
      kind: 'volume',
      item: volume,
      pass,
      bytes,
      ...(totalBytes !== undefined ? { totalBytes } : {}),
    });

  if (pass === 'bulk') {
    const marker = await takeMarker(source, signal);
    // Listed before tar reads anything: a directory moved after this is found by the next pass.
    const [dirs, used, reusable, free] = await Promise.all([
      listEntries(source, sourceVolume.Mountpoint, volume, { signal, only: '-type d', running: true }).then(
        directoryInodes,
      ),
      diskUsage(source, sourceVolume.Mountpoint, signal),
      diskUsage(target, targetVolume.Mountpoint, signal),
      freeBytesAt(target, targetVolume.Mountpoint, signal),
    ]);
    const needed = Math.max(0, used - reusable);
    if (needed > free) throw noSpace(target, [volume], needed, free);
    options.log?.(
      `Copying volume ${volume} (${used} bytes) from ${source.name} to ${target.name} (${route.kind}, bulk pass)`,
    );
    const result = await pipe(
      route,
      {
        ...spec,
        what: `volume ${volume} (bulk pass)`,
        producer: `cd -- ${from} && { tar -c -f - ${TAR_OPTIONS} --warning=no-file-changed --warning=no-file-removed . ; rc=$?; [ "$rc" -le 1 ]; }`,
      },
      { signal, onBytes: (bytes) => progress(bytes, used) },
    );
    return { bytes: result.bytes, marker, dirs };
  }

  const { marker, dirs: before } = options;
  if (!marker || !/^\d+$/.test(marker) || !before) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The delta pass of volume ${volume} needs the marker and the directories the last pass returned`,
      { volume },
    );
  }
  // While the container runs, what changes from here on is for the next pass.
  const nextMarker = options.running ? await takeMarker(source, signal) : marker;
  const [sourceEntries, targetEntries] = await Promise.all([
    listEntries(source, sourceVolume.Mountpoint, volume, { signal, running: options.running }),
    listEntries(target, targetVolume.Mountpoint, volume, { signal }),
  ]);
  const [onSource, onTarget] = [typesOf(sourceEntries), typesOf(targetEntries)];
  const dirs = directoryInodes(sourceEntries);
  const moved = movedDirectories(before, dirs);
  const gone = pathsGoneOrRetyped(onSource, onTarget);
  const deleteOnTarget = (paths: string[]): Promise<string> =>
    runChecked(
      target,
      target.asRoot(`cd -- ${into} && xargs -0 -r rm -rf --`),
      `Deleting on ${target.name} what is gone from volume ${volume}`,
      {
        stdin: Buffer.from(paths.map((path) => `${path}\0`).join(''), 'latin1'),
        signal,
      },
    );
  // A path the source holds with another type must go before tar puts the new one there; a path the
  // source no longer has is in nothing tar writes, so it goes while the data flows (this is
  // downtime).
  const retyped = gone.filter((path) => onSource.has(path));
  const vanished = gone.filter((path) => !onSource.has(path));
  if (retyped.length > 0) await deleteOnTarget(retyped);
  const passName = options.running ? 'catch-up pass, still running' : 'delta pass';
  const whole = moved.length > MAX_MOVED_DIRECTORIES;
  const movedNote =
    moved.length === 0
      ? ''
      : whole
        ? `; ${moved.length} directories moved since, so all of it`
        : `; ${counted(moved.length, 'moved directory', 'moved directories')} sent whole`;
  options.log?.(
    `Copying what changed in volume ${volume} since the last pass (${passName}; ${counted(gone.length, 'path')} deleted on ${target.name}${movedNote})`,
  );
  const quiet = options.running ? ' 2>/dev/null' : '';
  const newer = `\\( -newermt @${marker} -o -newerct @${marker} \\)`;
  // What to send, one NUL-terminated path each: what is newer than the marker, then the rest of
  // each moved directory's subtree (found by inode, so names need no quoting; one find at a time,
  // so their outputs never interleave).
  const listing = whole
    ? `find . -print0${quiet}`
    : moved.length === 0
      ? `find . ${newer} -print0${quiet}`
      : `{ find . ${newer} -print0${quiet}; find . -mindepth 1 -type d \\( ${moved.map((m) => `-inum ${m.inode}`).join(' -o ')} \\) -exec find {} ! ${newer} -print0 \\; -prune${quiet}; }`;
  const [result] = await Promise.all([
    pipe(
      route,
      {
        ...spec,
        what: `volume ${volume} (${passName})`,
        producer: options.running
          ? `cd -- ${from} && { ${listing} | tar -c -f - ${TAR_OPTIONS} ${WHILE_RUNNING} --null --no-recursion -T - ; rc=$?; [ "$rc" -le 1 ]; }`
          : `cd -- ${from} && ${listing} | tar -c -f - ${TAR_OPTIONS} --null --no-recursion -T -`,
      },
      { signal, onBytes: (bytes) => progress(bytes) },
    ),
    vanished.length > 0 ? deleteOnTarget(vanished) : undefined,
  ]);
  return { bytes: result.bytes, marker: nextMarker, dirs, deleted: gone.length };
}

interface Entry {
  type: string;
  inode: string;
}

/**
 * Paths below a mountpoint (`find` tests narrowing them in `only`) with type letter and inode;
 * names as latin1 strings (bytes kept). With `running`, a directory that vanishes during the walk
 * (find's exit 1) is simply not listed.
 */
async function listEntries(
  host: TransferHost,
  mountpoint: string,
  volume: string,
  options: { signal?: AbortSignal | undefined; only?: string; running?: boolean | undefined },
): Promise<Map<string, Entry>> {
  const find = `find . -mindepth 1 ${options.only ?? ''} -printf '%y\\0%i\\0%p\\0'`;
  const command = options.running ? `{ ${find} 2>/dev/null; [ $? -le 1 ]; }` : find;
  const out = await runBinary(
    host,
    host.asRoot(`cd -- ${shQuote(mountpoint)} && ${command}`),
    `Listing volume ${volume}`,
    { signal: options.signal },
  );
  const fields = out.toString('latin1').split('\0');
  const entries = new Map<string, Entry>();
  for (let i = 0; i + 2 < fields.length; i += 3)
    entries.set(fields[i + 2] as string, { type: fields[i] as string, inode: fields[i + 1] as string });
  return entries;
}

const typesOf = (entries: ReadonlyMap<string, Entry>): Map<string, string> =>
  new Map([...entries].map(([path, entry]) => [path, entry.type]));
