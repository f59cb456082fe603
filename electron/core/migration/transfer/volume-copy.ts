import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { hostClockSeconds, runBinary, runChecked } from './host-commands.js';
import { pathsGoneOrRetyped } from './manifest-compare.js';
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
// deletes it on B, so neither fails this one. tar still exits 1 for a file that changed.
const WHILE_RUNNING = '--ignore-failed-read --warning=no-file-changed --warning=no-file-removed --warning=no-failed-read';

// The marker is this much earlier than A's clock: file times come from the kernel's coarse
// clock, which may lag `date` by a tick. Copying a few files twice is harmless; missing one is not.
const MARKER_SLACK_S = 2;

/** A's clock now, minus the slack, in seconds since the epoch. */
async function takeMarker(a: TransferHost, signal?: AbortSignal): Promise<string> {
  return String((await hostClockSeconds(a, signal)) - MARKER_SLACK_S);
}

/**
 * Copies a volume's files from A to B over the route, creating the volume on B if needed.
 * - `bulk`: the whole volume, while its container may still run (tar's "file changed as we read
 *   it", exit 1, is expected then; the delta pass fixes those files). Checks B's free space first.
 * - `delta`: after the container stopped: deletes on B the paths gone from A (or whose type
 *   changed), then copies every path whose mtime or ctime is newer than the marker (ctime catches
 *   renames and files given an old mtime, as `cp -p` or tar do). With `running`, the same while
 *   the container still runs, to shorten the pass after the stop.
 */
export async function copyVolume(route: Route, volume: string, pass: 'bulk' | 'delta', options: CopyVolumeOptions = {}): Promise<CopyVolumeResult> {
  const { from: a, to: b } = routeInternals(route);
  const { signal } = options;
  // The delta pass runs during the downtime: both inspects at once, B's volume made only if it is
  // somehow missing (the bulk pass made it).
  const [source, existing] = await Promise.all([copyableVolume(a, volume), pass === 'delta' ? inspectVolume(b, volume) : null]);
  const target = existing ?? (await ensureVolume(a, b, volume, signal));
  const from = shQuote(source.Mountpoint);
  const into = shQuote(target.Mountpoint);
  const spec = {
    // --ignore-zeros: read to the end of the stream, not only to the archive's end blocks, so
    // the receiving end never quits while the sending end is still finishing.
    consumer: `cd -- ${into} && tar -x -p -f - --ignore-zeros ${TAR_OPTIONS}`,
    noSpace: (stderr: string) =>
      new CrossdockError('NO_SPACE', `${b.name} ran out of disk space while receiving volume ${volume}: ${stderr.trim().slice(-300)}`, { host: b.name, volume }),
  };
  const progress = (bytes: number, totalBytes?: number): void =>
    options.onProgress?.({ kind: 'volume', item: volume, pass, bytes, ...(totalBytes !== undefined ? { totalBytes } : {}) });

  if (pass === 'bulk') {
    const marker = await takeMarker(a, signal);
    const [used, reusable, free] = await Promise.all([
      diskUsage(a, source.Mountpoint, signal),
      diskUsage(b, target.Mountpoint, signal),
      freeBytesAt(b, target.Mountpoint, signal),
    ]);
    const needed = Math.max(0, used - reusable);
    if (needed > free) throw noSpace(b, [volume], needed, free);
    options.log?.(`Copying volume ${volume} (${used} bytes) from ${a.name} to ${b.name} (${route.kind}, bulk pass)`);
    const result = await pipe(
      route,
      { ...spec, what: `volume ${volume} (bulk pass)`, producer: `cd -- ${from} && { tar -c -f - ${TAR_OPTIONS} --warning=no-file-changed --warning=no-file-removed . ; rc=$?; [ "$rc" -le 1 ]; }` },
      { signal, onBytes: (bytes) => progress(bytes, used) },
    );
    return { bytes: result.bytes, marker };
  }

  const marker = options.marker;
  if (!marker || !/^\d+$/.test(marker)) {
    throw new CrossdockError('INVALID_ARGUMENT', `The delta pass of volume ${volume} needs the marker its bulk pass returned`, { volume });
  }
  // While the container runs, what changes from here on is for the next pass.
  const nextMarker = options.running ? await takeMarker(a, signal) : marker;
  const [onA, onB] = await Promise.all([listTypes(a, source.Mountpoint, volume, signal), listTypes(b, target.Mountpoint, volume, signal)]);
  const gone = pathsGoneOrRetyped(onA, onB);
  const deleteOnB = (paths: string[]): Promise<string> =>
    runChecked(b, b.asRoot(`cd -- ${into} && xargs -0 -r rm -rf --`), `Deleting on ${b.name} what is gone from volume ${volume}`, {
      stdin: Buffer.from(paths.map((path) => `${path}\0`).join(''), 'latin1'),
      signal,
    });
  // A path A holds with another type must go before tar puts the new one there; a path A no
  // longer has is in nothing tar writes, so it goes while the data flows (this is downtime).
  const retyped = gone.filter((path) => onA.has(path));
  const vanished = gone.filter((path) => !onA.has(path));
  if (retyped.length > 0) await deleteOnB(retyped);
  const passName = options.running ? 'catch-up pass, still running' : 'delta pass';
  options.log?.(`Copying what changed in volume ${volume} since the last pass (${passName}; ${gone.length} path(s) deleted on ${b.name})`);
  const [result] = await Promise.all([
    pipe(
      route,
      {
        ...spec,
        what: `volume ${volume} (${passName})`,
        producer: options.running
          ? `cd -- ${from} && { find . \\( -newermt @${marker} -o -newerct @${marker} \\) -print0 2>/dev/null | tar -c -f - ${TAR_OPTIONS} ${WHILE_RUNNING} --null --no-recursion -T - ; rc=$?; [ "$rc" -le 1 ]; }`
          : `cd -- ${from} && find . \\( -newermt @${marker} -o -newerct @${marker} \\) -print0 | tar -c -f - ${TAR_OPTIONS} --null --no-recursion -T -`,
      },
      { signal, onBytes: (bytes) => progress(bytes) },
    ),
    vanished.length > 0 ? deleteOnB(vanished) : undefined,
  ]);
  return { bytes: result.bytes, marker: nextMarker, deleted: gone.length };
}

/** Every path below a mountpoint with its type letter (`find -printf %y`), names as latin1 strings (bytes kept). */
async function listTypes(host: TransferHost, mountpoint: string, volume: string, signal?: AbortSignal): Promise<Map<string, string>> {
  const out = await runBinary(host, host.asRoot(`cd -- ${shQuote(mountpoint)} && find . -mindepth 1 -printf '%y\\0%p\\0'`), `Listing volume ${volume}`, { signal });
  const fields = out.toString('latin1').split('\0');
  const types = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) types.set(fields[i + 1] as string, fields[i] as string);
  return types;
}
