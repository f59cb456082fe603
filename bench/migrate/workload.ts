// The benchmark's workload, made and reset out of band (`docker exec` into the machine, as root,
// no SSH): a payload image of random data, a volume of random files of mixed sizes used by a
// running container, the "1% changed" edit, and the sweep that removes all of it. Everything
// carries the label crossdock.bench=migrate, so a sweep also finds what a killed run left.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { shQuote } from '../../electron/core/bootstrap/shell-quote.js';

const run = promisify(execFile);
export const LABEL = 'crossdock.bench=migrate';
const MiB = 1024 * 1024;

/** Sizes of one benchmark run. Random bytes throughout: nothing compresses, nothing is sparse. */
export interface Layout {
  /** Files of the image's payload layer, MiB each. */
  imageFilesMiB: number[];
  /** Volume directories: `count` files of `bytes` each. */
  volume: { dir: string; count: number; bytes: number }[];
  /** The edit after the bulk pass: these many 8 MiB and 100 KiB files rewritten in place. */
  change: { medium: number; small: number };
}

export const FULL: Layout = {
  imageFilesMiB: [200, 150, 100, 50],
  volume: [
    { dir: 'big', count: 2, bytes: 192 * MiB },
    { dir: 'medium', count: 32, bytes: 8 * MiB },
    { dir: 'small', count: 2560, bytes: 100 * 1024 },
    { dir: 'tiny', count: 8192, bytes: 16 * 1024 },
  ],
  change: { medium: 1, small: 20 },
};

export const SMALL: Layout = {
  imageFilesMiB: [60, 40],
  volume: [
    { dir: 'big', count: 2, bytes: 40 * MiB },
    { dir: 'medium', count: 8, bytes: 8 * MiB },
    { dir: 'small', count: 400, bytes: 100 * 1024 },
    { dir: 'tiny', count: 1280, bytes: 16 * 1024 },
  ],
  change: { medium: 0, small: 20 },
};

export const changedBytes = (layout: Layout): number =>
  layout.change.medium * 8 * MiB + layout.change.small * 100 * 1024;
export const volumeBytes = (layout: Layout): number => layout.volume.reduce((sum, d) => sum + d.count * d.bytes, 0);

/** Runs a bash script inside a machine as root; returns its stdout. */
export async function inMachine(machine: string, script: string): Promise<string> {
  const { stdout } = await run('docker', ['exec', machine, 'bash', '-c', `set -euo pipefail\n${script}`], {
    maxBuffer: 16 << 20,
  });
  return stdout;
}

/** The names of one run's things (unique per run, so a killed run's leftovers never collide). */
export interface Names {
  image: string;
  /** The payload image plus one small layer (same base layers). */
  derivedImage: string;
  app: string;
  volume: string;
  /** A container of the same image without a volume, for the second migration. */
  app2: string;
  /** A container of the derived image, for the migration of an image whose base layers B holds. */
  app3: string;
}

export function namesFor(id: string): Names {
  return {
    image: `crossdock-bench-payload:${id}`,
    derivedImage: `crossdock-bench-payload:${id}-derived`,
    app: `bench-${id}-app`,
    volume: `bench-${id}-data`,
    app2: `bench-${id}-app2`,
    app3: `bench-${id}-app3`,
  };
}

/** The volume's path on a Debian engine (the manual baseline uses it as a user would). */
export const mountpoint = (volume: string): string => `/var/lib/docker/volumes/${volume}/_data`;

/**
 * `docker run` of the app, the same on A (setup) and B (the manual baseline): a volume, a
 * restart policy, a healthcheck every second, and a loop appending to a log in the volume five
 * times a second (so the delta pass always has something). SIGTERM ends it at once.
 */
export function appRunCommand(n: Names): string {
  const main = 'trap "exit 0" TERM; while true; do date >> /data/app.log; sleep 0.2 & wait; done';
  return [
    'docker run -d',
    `--name ${n.app} --label ${LABEL} -v ${n.volume}:/data -w /data --restart unless-stopped`,
    "--health-cmd 'test -f /data/app.log' --health-interval 1s --health-retries 3 --stop-timeout 5",
    `${n.image} sh -c ${shQuote(main)}`,
  ].join(' ');
}

/** A container without volume or healthcheck (ready = running for healthySeconds). */
function idleRunCommand(name: string, image: string): string {
  return `docker run -d --name ${name} --label ${LABEL} --stop-timeout 5 ${image} sh -c ${shQuote('trap "exit 0" TERM; while true; do sleep 1 & wait; done')}`;
}

/** Builds the payload image on A: FROM the rig's busybox image, one layer of random files. */
export async function buildImages(a: string, n: Names, layout: Layout, testImage: string): Promise<void> {
  const writes = layout.imageFilesMiB
    .map((mib, i) => `head -c ${mib * MiB} /dev/urandom > /payload/p${i}`)
    .join(' && ');
  const dockerfile = `FROM ${testImage}\nLABEL ${LABEL}\nRUN mkdir /payload && ${writes}\n`;
  const derived = `FROM ${n.image}\nRUN echo derived > /payload/derived\n`;
  await inMachine(
    a,
    `printf %s ${shQuote(dockerfile)} | docker build -q -t ${n.image} - >/dev/null\nprintf %s ${shQuote(derived)} | docker build -q -t ${n.derivedImage} - >/dev/null`,
  );
}

/** The volume on A, filled with random files (`split` of one random stream per directory). */
export async function makeVolume(a: string, n: Names, layout: Layout): Promise<void> {
  const d = mountpoint(n.volume);
  const fill = layout.volume.map(
    (v) =>
      `mkdir -p ${d}/${v.dir} && head -c ${v.count * v.bytes} /dev/urandom | split -b ${v.bytes} -d -a 5 - ${d}/${v.dir}/${v.dir[0]}-`,
  );
  await inMachine(a, [`docker volume create --label ${LABEL} ${n.volume} >/dev/null`, ...fill].join('\n'));
}

/** Starts the containers on A (and waits until the app is healthy). */
export async function startApps(a: string, n: Names): Promise<void> {
  await inMachine(
    a,
    [
      `docker rm -f ${n.app} ${n.app2} ${n.app3} >/dev/null 2>&1 || true`,
      `${appRunCommand(n)} >/dev/null`,
      `${idleRunCommand(n.app2, n.image)} >/dev/null`,
      `${idleRunCommand(n.app3, n.derivedImage)} >/dev/null`,
      `until [ "$(docker inspect -f '{{.State.Health.Status}}' ${n.app})" = healthy ]; do sleep 0.2; done`,
    ].join('\n'),
  );
}

/**
 * The edit made after the bulk pass, about 1% of the volume: files rewritten in place with new
 * random bytes (same sizes), one file added, one deleted. Synchronous: called from inside a job
 * event, it holds the migration until the edit is done (before the source stops).
 */
export function changeVolumeSync(a: string, n: Names, layout: Layout): void {
  const d = mountpoint(n.volume);
  const medium = Array.from(
    { length: layout.change.medium },
    (_, i) => `head -c ${8 * MiB} /dev/urandom > ${d}/medium/m-${String(i).padStart(5, '0')}`,
  );
  const small = Array.from(
    { length: layout.change.small },
    (_, i) => `head -c ${100 * 1024} /dev/urandom > ${d}/small/s-${String(i).padStart(5, '0')}`,
  );
  const script = ['set -eu', ...medium, ...small, `date > ${d}/added-after-bulk-pass`, `rm -f ${d}/tiny/t-00000`].join(
    '\n',
  );
  execFileSync('docker', ['exec', a, 'bash', '-c', script]);
}

/** Bytes of what the baseline moves: `docker save` and `tar -c` of the volume, counted with wc (not timed). */
export async function baselineBytes(a: string, n: Names): Promise<{ image: number; volume: number }> {
  const out = await inMachine(a, `docker save ${n.image} | wc -c\ntar -C ${mountpoint(n.volume)} -cf - . | wc -c`);
  const [image, volume] = out.trim().split('\n').map(Number);
  return { image: image ?? Number.NaN, volume: volume ?? Number.NaN };
}

/** Starts A's app again (stopped by a migration) and waits until it is healthy. */
export async function restartApp(a: string, n: Names): Promise<void> {
  await inMachine(
    a,
    `docker start ${n.app} >/dev/null\nuntil [ "$(docker inspect -f '{{.State.Health.Status}}' ${n.app})" = healthy ]; do sleep 0.2; done`,
  );
}

/**
 * After a migration through the core: A's containers get their names and restart policy back
 * and the app runs again (renaming, unlike recreating, copies nothing on vfs); B loses the copies.
 */
export async function resetAfterMigration(a: string, b: string, n: Names, targetHostName: string): Promise<void> {
  const back = [n.app, n.app2, n.app3].map(
    (name) =>
      `if docker inspect ${name}-migrated-to-${targetHostName} >/dev/null 2>&1; then docker rename ${name}-migrated-to-${targetHostName} ${name}; fi`,
  );
  await inMachine(a, [...back, `docker update --restart unless-stopped ${n.app} >/dev/null`].join('\n'));
  await Promise.all([restartApp(a, n), cleanTarget(b, n)]);
}

/** B without any container, volume or image of the run. */
export async function cleanTarget(b: string, n: Names): Promise<void> {
  await inMachine(
    b,
    [
      `docker rm -f ${n.app} ${n.app2} ${n.app3} >/dev/null 2>&1 || true`,
      `docker volume rm ${n.volume} >/dev/null 2>&1 || true`,
      `docker image rm ${n.derivedImage} ${n.image} >/dev/null 2>&1 || true`,
    ].join('\n'),
  );
}

// A's own key for the manual baseline, set up out of band like a user's ~/.ssh.
const BASELINE_KEY_COMMENT = 'crossdock-bench-baseline';
export const BASELINE_PID_FILE = '/run/crossdock-bench-baseline.pid';

/**
 * Lets plain `ssh root@B` work from A, as a user would have it: a key in A's ~/.ssh/id_ed25519
 * authorised for root on B, and B's host key (read from B's own file, not scanned) in A's
 * known_hosts. Nothing else is configured: OpenSSH's default ciphers (chacha20-poly1305 first).
 */
export async function setUpBaselineSsh(a: string, b: string, bAddress: string): Promise<void> {
  const publicKey = await inMachine(
    a,
    `rm -f /root/.ssh/id_ed25519 /root/.ssh/id_ed25519.pub\nssh-keygen -q -t ed25519 -N '' -C ${BASELINE_KEY_COMMENT} -f /root/.ssh/id_ed25519\ncat /root/.ssh/id_ed25519.pub`,
  );
  const hostKey = (
    await inMachine(
      b,
      `printf '%s\\n' ${shQuote(publicKey.trim())} >> /root/.ssh/authorized_keys\ncut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub`,
    )
  ).trim();
  await inMachine(a, `printf '%s\\n' ${shQuote(`${bAddress} ${hostKey}`)} >> /root/.ssh/known_hosts`);
}

// Ends a running manual migration (its shell and the commands of its pipelines) by its pid file.
const STOP_MANUAL_COPY = `if [ -f ${BASELINE_PID_FILE} ]; then p=$(cat ${BASELINE_PID_FILE}); pkill -TERM -P "$p" || true; kill -TERM "$p" 2>/dev/null || true; rm -f ${BASELINE_PID_FILE}; fi`;

/** Stops the manual migration if one runs on the machine (Ctrl+C). */
export async function stopManualCopy(machine: string): Promise<void> {
  await inMachine(machine, STOP_MANUAL_COPY);
}

/**
 * Removes everything the benchmark may have left on a machine: a running baseline (by its pid
 * file), containers, volumes and images labelled crossdock.bench=migrate, the baseline's key
 * and known_hosts, and any migration route (key lines, route directories and their ssh masters).
 * Both machines are the benchmark's own (`rig.sh up-bench`), so this touches nothing of others.
 */
export async function sweep(machine: string): Promise<void> {
  // Every part runs whatever happened to the others; the script fails at the end if one did.
  const parts = [
    STOP_MANUAL_COPY,
    `ids=$(docker ps -aq --filter label=${LABEL}); [ -z "$ids" ] || docker rm -f $ids >/dev/null`,
    `vols=$(docker volume ls -q --filter label=${LABEL}); [ -z "$vols" ] || docker volume rm $vols >/dev/null`,
    // A derived image must go before its parent (-f does not force that): a few passes.
    `for pass in 1 2 3; do imgs=$(docker images -q --filter label=${LABEL} | sort -u); [ -n "$imgs" ] || break; for i in $imgs; do docker image rm -f "$i" >/dev/null 2>&1 || true; done; done; [ -z "$(docker images -q --filter label=${LABEL})" ]`,
    'rm -f /root/.ssh/id_ed25519 /root/.ssh/id_ed25519.pub /root/.ssh/known_hosts /root/.ssh/known_hosts.old',
    `f=/root/.ssh/authorized_keys; if [ -f $f ]; then grep -v -e ${BASELINE_KEY_COMMENT} -e crossdock-migration- $f > $f.bench || true; cat $f.bench > $f; rm -f $f.bench; fi`,
    'for d in /tmp/crossdock-migration-*; do [ -d "$d" ] || continue; [ -S "$d/c" ] && ssh -o ControlPath="$d/c" -O exit x >/dev/null 2>&1; rm -rf -- "$d"; done',
  ];
  await inMachine(
    machine,
    ['failed=0', ...parts.map((part) => `( set -e; ${part} ) || failed=1`), 'exit $failed'].join('\n'),
  );
}
