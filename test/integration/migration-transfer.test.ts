// Moving images and volume data between two real hosts, the way a migration does: rig machines
// crossdock-docker-4 (source) and crossdock-docker-5 (target), added as hosts of a real core
// (vault, keys, pooled SSH connections). Machine 5 is also added a second time as user `tester`,
// who becomes root through `sudo -n`.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossdockError } from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import {
  compareManifests,
  copyVolume,
  ensureVolume,
  imagesToSend,
  openRoute,
  probeRoute,
  removeRouteLeftovers,
  removeVolumeOn,
  sendImages,
  transferHostFor,
  volumeFacts,
  type Route,
  type TransferHost,
  type TransferProgress,
} from '../../electron/core/migration/transfer/index.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

const SOURCE_MACHINE = 'crossdock-docker-4';
const TARGET_MACHINE = 'crossdock-docker-5';
const run = randomBytes(3).toString('hex');
let rig: DockerRigInfo;
let dataDir: string;
let core: Core;
let source: TransferHost;
let target: TransferHost;
let targetSudo: TransferHost;
let local: TransferHost;
const volumes: string[] = [];
const localVolumes: string[] = [];
const images: string[] = [];

async function failure(promise: Promise<unknown>): Promise<CrossdockError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CrossdockError)) throw new Error(`expected a CrossdockError, got ${String(error)}`);
  return error;
}

/** Route leftovers: lines of this migration's key on the target (root's and tester's), route dirs and processes on the source. */
async function leftovers(migrationId: string): Promise<{ keys: string; dirs: string }> {
  const keys = await onMachine(
    TARGET_MACHINE,
    `cat /root/.ssh/authorized_keys /home/tester/.ssh/authorized_keys 2>/dev/null | grep -F 'crossdock-migration-${migrationId}' || true`,
  );
  // The route's files, and its ssh master (its process title names the control socket there).
  const dirs = await onMachine(
    SOURCE_MACHINE,
    `ls -d /tmp/crossdock-migration-${migrationId}.* 2>/dev/null; ps -eo args | grep -F '/tmp/crossdock-migration-${migrationId}.' | grep -v grep || true`,
  );
  return { keys: keys.trim(), dirs: dirs.trim() };
}

function mountpoint(machine: string, volume: string): Promise<string> {
  return onMachine(machine, `docker volume inspect -f '{{.Mountpoint}}' ${volume}`).then((s) => s.trim());
}

/** A new volume on the source, named for this run, filled by `script` run in its mountpoint on the machine. */
async function volumeOnSource(suffix: string, script: string): Promise<{ name: string; path: string }> {
  const name = `mig-transfer-${suffix}-${run}`;
  volumes.push(name);
  await onMachine(
    SOURCE_MACHINE,
    `docker volume create --label crossdock.test=transfer --label run=${run} ${name} >/dev/null`,
  );
  const path = await mountpoint(SOURCE_MACHINE, name);
  await onMachine(SOURCE_MACHINE, `cd ${path} && ${script}`);
  return { name, path };
}

async function withRoute<T>(
  from: TransferHost,
  to: TransferHost,
  options: { migrationId: string; forceRelay?: boolean },
  body: (route: Route) => Promise<T>,
): Promise<T> {
  const route = await openRoute(from, to, options);
  try {
    return await body(route);
  } finally {
    await route.close();
  }
}

beforeAll(async () => {
  rig = await upDockerRig(5);
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-transfer-'));
  core = createCore({
    dataDir,
    mode: 'test',
    knownHostsPaths: [],
    connection: { connectTimeoutMs: 5_000, reconnect: { enabled: false } },
  });
  const client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'transfer-passphrase' });
  const keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
  const add = async (machine: string, name: string, user: string) => {
    const m = machineNamed(rig, machine);
    await client.api.hosts.add({
      kind: 'ssh',
      name,
      address: m.address,
      port: m.port,
      user,
      keyId,
      trust: { fingerprint: await machineHostKeyFingerprint(machine) },
    });
    return transferHostFor(core.runtime, core.hosts.find(name));
  };
  source = await add(SOURCE_MACHINE, 'docker-4', 'root');
  target = await add(TARGET_MACHINE, 'docker-5', 'root');
  targetSudo = await add(TARGET_MACHINE, 'docker-5-sudo', 'tester');
  await client.api.hosts.add({ kind: 'local', name: 'laptop' });
  local = await transferHostFor(core.runtime, core.hosts.find('laptop'));
});

afterAll(async () => {
  for (const volume of volumes) {
    await onMachine(SOURCE_MACHINE, `docker volume rm -f ${volume} >/dev/null 2>&1 || true`);
    await onMachine(
      TARGET_MACHINE,
      `umount ${`/var/lib/docker/volumes/${volume}/_data`} 2>/dev/null; docker volume rm -f ${volume} >/dev/null 2>&1 || true`,
    );
  }
  for (const volume of localVolumes)
    execFileSync('sh', ['-c', `docker volume rm -f ${volume} >/dev/null 2>&1 || true`]);
  for (const image of images) {
    await onMachine(SOURCE_MACHINE, `docker image rm -f ${image} >/dev/null 2>&1 || true`);
    await onMachine(TARGET_MACHINE, `docker image rm -f ${image} >/dev/null 2>&1 || true`);
  }
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('routes', () => {
  it('knows how each host becomes root', () => {
    expect([source.privilege, target.privilege, targetSudo.privilege]).toEqual(['root', 'root', 'sudo']);
  });

  it('opens a direct route with an ephemeral key authorised on the target only while it is open', async () => {
    const migrationId = `route-${run}`;
    expect(await probeRoute(source, target, { migrationId })).toMatchObject({
      kind: 'direct',
      reason: expect.stringContaining('10.213.0.105:22'),
    });
    expect(await leftovers(migrationId)).toEqual({ keys: '', dirs: '' });

    const route = await openRoute(source, target, { migrationId });
    expect(route.kind).toBe('direct');
    const during = await leftovers(migrationId);
    expect(during.keys).toMatch(
      /^no-agent-forwarding,no-X11-forwarding,no-port-forwarding,no-pty,no-user-rc,expiry-time="\d{12}" ssh-ed25519 \S+ crossdock-migration-route-/,
    );
    expect(during.dirs).toMatch(
      /^\/tmp\/crossdock-migration-route-\w+\.\w{6}\nssh: \/tmp\/crossdock-migration-route-\w+\.\w{6}\/c \[mux\]$/,
    );
    const dir = during.dirs.split('\n')[0] as string;
    // The directory and the private key are root's alone; known_hosts holds only the target's pinned key.
    expect((await onMachine(SOURCE_MACHINE, `stat -c '%a %U' ${dir} ${dir}/key`)).trim().split('\n')).toEqual([
      '700 root',
      '600 root',
    ]);
    const knownHosts = await onMachine(SOURCE_MACHINE, `cat ${dir}/known_hosts`);
    const pinned = (await onMachine(TARGET_MACHINE, 'cut -d" " -f1,2 /etc/ssh/ssh_host_ed25519_key.pub')).trim();
    expect(knownHosts.trim()).toBe(`crossdock-migration-target ${pinned}`);

    await route.close();
    await route.close();
    expect(await leftovers(migrationId)).toEqual({ keys: '', dirs: '' });
    // The rig's own key is still there.
    expect(await onMachine(TARGET_MACHINE, 'grep -c ssh-ed25519 /root/.ssh/authorized_keys')).not.toBe('0\n');
  });

  it('removes what a crashed migration left, and does so again without complaint', async () => {
    const migrationId = `crash-${run}`;
    const route = await openRoute(source, targetSudo, { migrationId });
    expect(route.kind).toBe('direct');
    expect((await leftovers(migrationId)).keys).toContain('crossdock-migration-crash-');
    // No close(): as if Crossdock died here.
    await removeRouteLeftovers(source, targetSudo, migrationId);
    expect(await leftovers(migrationId)).toEqual({ keys: '', dirs: '' });
    await removeRouteLeftovers(source, targetSudo, migrationId);
    expect((await onMachine(TARGET_MACHINE, 'stat -c %a /home/tester/.ssh/authorized_keys')).trim()).toBe('600');
  });

  it('relays through this computer when asked, and says so', async () => {
    const route = await openRoute(source, target, { migrationId: `relay-${run}`, forceRelay: true });
    expect(route).toMatchObject({ kind: 'relay', reason: expect.stringContaining('relaying through this computer') });
    await route.close();
  });

  it('refuses a migration id that could escape a file name', async () => {
    expect((await failure(openRoute(source, target, { migrationId: '../x' }))).code).toBe('INVALID_ARGUMENT');
  });
});

describe('images', () => {
  /** A new image on the source: `script` run in a container of `from`, committed as one more layer. */
  async function committedOnSource(tag: string, from: string, script: string): Promise<string> {
    const ref = `mig-transfer-image:${tag}-${run}`;
    images.push(ref);
    const container = `mig-transfer-build-${tag}-${run}`;
    await onMachine(
      SOURCE_MACHINE,
      `docker run --name ${container} ${from} sh -c '${script}' && docker commit ${container} ${ref} >/dev/null && docker rm ${container} >/dev/null`,
    );
    return ref;
  }

  function imageOnlyOnSource(tag: string): Promise<string> {
    return committedOnSource(tag, rig.testImage, 'head -c 300000 /dev/urandom > /stamp');
  }

  const imageId = (machine: string, ref: string): Promise<string> =>
    onMachine(machine, `docker image inspect -f '{{.Id}}' ${ref}`).then((s) => s.trim());

  it('sends an image the target lacks directly and skips one the target has', async () => {
    const ref = await imageOnlyOnSource('direct');
    const planned = await imagesToSend(source, target, [ref, rig.testImage]);
    expect(planned.map((i) => [i.ref, i.onTarget])).toEqual([
      [ref, false],
      [rig.testImage, true],
    ]);
    const progress: TransferProgress[] = [];
    const result = await withRoute(source, targetSudo, { migrationId: `img-${run}` }, async (route) => {
      expect(route.kind).toBe('direct');
      return sendImages(route, [ref, rig.testImage], { onProgress: (p) => progress.push(p) });
    });
    expect(result).toMatchObject({ sent: [ref], skipped: [rig.testImage] });
    expect(result.bytes).toBeGreaterThan(300_000);
    expect(progress.at(-1)).toMatchObject({ kind: 'image', bytes: result.bytes });
    const idOnSource = (await onMachine(SOURCE_MACHINE, `docker image inspect -f '{{.Id}}' ${ref}`)).trim();
    expect((await onMachine(TARGET_MACHINE, `docker image inspect -f '{{.Id}}' ${ref}`)).trim()).toBe(idOnSource);
    // Sending it again sends nothing.
    const again = await withRoute(source, target, { migrationId: `img2-${run}` }, (route) => sendImages(route, [ref]));
    expect(again).toEqual({
      bytes: 0,
      sent: [],
      skipped: [ref],
      layersSkipped: 0,
      images: [expect.objectContaining({ ref, onTarget: true, bytesToSend: 0 })],
    });
  });

  it('sends only the layers the target lacks: an image adding a small layer to a base the target holds', async () => {
    const base = await committedOnSource('base', rig.testImage, 'head -c 20000000 /dev/urandom > /base.bin');
    const derived = await committedOnSource(
      'derived',
      base,
      'echo derived > /derived.txt && head -c 300000 /dev/urandom > /stamp',
    );
    const baseBytes = Number((await onMachine(SOURCE_MACHINE, `docker image inspect -f '{{.Size}}' ${base}`)).trim());
    expect(baseBytes).toBeGreaterThan(20_000_000);
    // The target holds the test image (the rig loads it everywhere): the base itself goes without its two layers.
    const first = await withRoute(source, target, { migrationId: `imgb-${run}` }, (route) => sendImages(route, [base]));
    expect(first).toMatchObject({ sent: [base], layersSkipped: 2 });
    expect(first.bytes).toBeGreaterThan(20_000_000);
    expect(first.bytes).toBeLessThan(baseBytes);

    const [planned] = await imagesToSend(source, target, [derived]);
    expect(planned).toMatchObject({ onTarget: false, layers: 4, layersOnTarget: 3 });
    expect(planned?.bytesToSend).toBeGreaterThanOrEqual(300_000);
    expect(planned?.bytesToSend).toBeLessThan(400_000);
    const log: string[] = [];
    const progress: TransferProgress[] = [];
    const result = await withRoute(source, target, { migrationId: `imgd-${run}` }, (route) =>
      sendImages(route, [derived], { log: (line) => log.push(line), onProgress: (p) => progress.push(p) }),
    );
    expect(result).toMatchObject({ sent: [derived], skipped: [], layersSkipped: 3 });
    expect(result.bytes).toBeGreaterThan(300_000);
    expect(result.bytes).toBeLessThan(baseBytes / 4);
    expect(progress.at(-1)).toMatchObject({ kind: 'image', bytes: result.bytes, totalBytes: planned?.bytesToSend });
    expect(log.join('\n')).toContain('3 layers already on docker-5 were left out (files named from the diff ids)');
    expect(await imageId(TARGET_MACHINE, derived)).toBe(await imageId(SOURCE_MACHINE, derived));
    expect(
      await onMachine(
        TARGET_MACHINE,
        `docker run --rm ${derived} sh -c 'cat /derived.txt; wc -c < /base.bin; wc -c < /stamp'`,
      ),
    ).toBe('derived\n20000000\n300000\n');

    // Same layers, another config: the target holds every layer, the top one's file name comes from a first docker save on the source.
    const relabelled = `mig-transfer-image:relabelled-${run}`;
    images.push(relabelled);
    await onMachine(
      SOURCE_MACHINE,
      `printf 'FROM ${derived}\\nLABEL relabelled=${run}\\n' | docker build -q -t ${relabelled} - >/dev/null`,
    );
    const [plannedAgain] = await imagesToSend(source, target, [relabelled]);
    expect(plannedAgain).toMatchObject({ onTarget: false, layers: 4, layersOnTarget: 4, bytesToSend: 0 });
    log.length = 0;
    const labelled = await withRoute(source, target, { migrationId: `imgl-${run}` }, (route) =>
      sendImages(route, [relabelled], { log: (line) => log.push(line) }),
    );
    expect(log.join('\n')).toContain('4 layers already on docker-5 were left out (files named by a first docker save)');
    expect(labelled).toMatchObject({ sent: [relabelled], layersSkipped: 4 });
    expect(labelled.bytes).toBeLessThan(100_000);
    expect(await imageId(TARGET_MACHINE, relabelled)).toBe(await imageId(SOURCE_MACHINE, relabelled));
    expect(
      (
        await onMachine(TARGET_MACHINE, `docker image inspect -f '{{index .Config.Labels "relabelled"}}' ${relabelled}`)
      ).trim(),
    ).toBe(run);
  });

  it('sends images that share layers the target lacks in one stream, leaving out only what the target holds (names from the engine)', async () => {
    // The shared layer's file is written once; the other image's file of it is a symlink to it.
    // The files to leave out are named by a first docker save on the source here, not computed.
    const base = await committedOnSource('sbase', rig.testImage, 'head -c 2000000 /dev/urandom > /base.bin');
    const derived = await committedOnSource('sderived', base, 'echo shared > /derived.txt');
    const result = await withRoute(source, target, { migrationId: `imgs-${run}`, forceRelay: true }, (route) =>
      sendImages(route, [derived, base], { layerNamesFromEngine: true }),
    );
    expect(result).toMatchObject({ sent: [derived, base], layersSkipped: 2 });
    expect(result.bytes).toBeGreaterThan(2_000_000);
    expect(result.bytes).toBeLessThan(3_000_000);
    for (const ref of [derived, base])
      expect(await imageId(TARGET_MACHINE, ref)).toBe(await imageId(SOURCE_MACHINE, ref));
    expect(
      await onMachine(TARGET_MACHINE, `docker run --rm ${derived} sh -c 'cat /derived.txt; wc -c < /base.bin'`),
    ).toBe('shared\n2000000\n');
  });

  it('sends the images again whole, and says so, when the target loses a layer between the look-up and the load', async () => {
    const base = await committedOnSource('lbase', rig.testImage, 'head -c 3000000 /dev/urandom > /base.bin');
    const derived = await committedOnSource('lderived', base, 'echo lost > /derived.txt');
    await withRoute(source, target, { migrationId: `imgx-${run}` }, (route) => sendImages(route, [base]));
    const log: string[] = [];
    const result = await withRoute(source, target, { migrationId: `imgy-${run}` }, (route) =>
      sendImages(route, [derived], {
        log: (line) => {
          // Called just before the stream starts: the base goes from the target then (synchronously, so before docker load looks).
          if (line.includes('left out'))
            execFileSync('docker', ['exec', TARGET_MACHINE, 'docker', 'image', 'rm', base]);
          log.push(line);
        },
      }),
    );
    expect(log.join('\n')).toMatch(
      /lacked a layer it held when looked up .*layer\.tar: no such file or directory.*Sending mig-transfer-image:lderived-\w+ again, whole/s,
    );
    expect(result).toMatchObject({ sent: [derived], layersSkipped: 0 });
    expect(result.bytes).toBeGreaterThan(3_000_000);
    expect(await imageId(TARGET_MACHINE, derived)).toBe(await imageId(SOURCE_MACHINE, derived));
    expect(
      await onMachine(TARGET_MACHINE, `docker run --rm ${derived} sh -c 'cat /derived.txt; wc -c < /base.bin'`),
    ).toBe('lost\n3000000\n');
  });

  it('sends an image whole, in one stream, when the target holds none of its layers', async () => {
    const ref = `mig-transfer-image:flat-${run}`;
    images.push(ref);
    const container = `mig-transfer-build-flat-${run}`;
    // docker export | docker import: one layer of its own, which no image on the target starts with.
    await onMachine(
      SOURCE_MACHINE,
      `docker run --name ${container} ${rig.testImage} sh -c 'head -c 300000 /dev/urandom > /stamp' && docker export ${container} | docker import - ${ref} >/dev/null && docker rm ${container} >/dev/null`,
    );
    const [planned] = await imagesToSend(source, target, [ref]);
    expect(planned).toMatchObject({ onTarget: false, layers: 1, layersOnTarget: 0, bytesToSend: planned?.bytes });
    const log: string[] = [];
    const result = await withRoute(source, target, { migrationId: `imgf-${run}` }, (route) =>
      sendImages(route, [ref], { log: (line) => log.push(line) }),
    );
    expect(result).toMatchObject({ sent: [ref], layersSkipped: 0 });
    expect(result.bytes).toBeGreaterThan(planned?.bytes ?? Infinity);
    expect(log.join('\n')).not.toContain('left out');
    expect(await imageId(TARGET_MACHINE, ref)).toBe(await imageId(SOURCE_MACHINE, ref));
    expect(await onMachine(TARGET_MACHINE, `docker run --rm ${ref} /bin/busybox wc -c /stamp`)).toBe('300000 /stamp\n');
  });

  it('sends an image over a relayed route too', async () => {
    const ref = await imageOnlyOnSource('relay');
    const result = await withRoute(source, target, { migrationId: `imgr-${run}`, forceRelay: true }, (route) =>
      sendImages(route, [ref]),
    );
    expect(result.sent).toEqual([ref]);
    expect((await onMachine(TARGET_MACHINE, `docker image inspect -f '{{.Id}}' ${ref}`)).trim()).toBe(
      (await onMachine(SOURCE_MACHINE, `docker image inspect -f '{{.Id}}' ${ref}`)).trim(),
    );
  });

  it('names the image and host when the source does not have it', async () => {
    const error = await failure(imagesToSend(source, target, [`mig-transfer-image:absent-${run}`]));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('docker-4') });
  });
});

describe('volumes', () => {
  const FILL = [
    'head -c 3000000 /dev/urandom > big.bin',
    'mkdir -p a/b/c empty && head -c 1000 /dev/urandom > a/b/grown.bin',
    'echo deep > a/b/c/deep.txt',
    'ln -s a/b/c/deep.txt link',
    'echo secret > secret && chmod 600 secret && chown 1234:5678 secret',
    'echo keep > keep.txt && echo doomed > doomed.txt && mkdir gone-dir && echo x > gone-dir/x',
    'truncate -s 50M sparse && echo tail >> sparse',
    "printf 'odd name' > \"$(printf 'na\\tme-\\351')\"",
    // Directories to move between the passes: a moved directory's files keep their old times.
    'mkdir -p early tree/sub swap1 swap2 && echo e > early/file && echo t > tree/sub/leaf',
    'echo one > swap1/f1 && echo same1 > swap1/same && echo two > swap2/f2 && echo same2 > swap2/same',
  ].join(' && ');
  const CHANGE = [
    'mv tree renamed-tree && mv swap1 swap-tmp && mv swap2 swap1 && mv swap-tmp swap2',
    'head -c 100000 /dev/urandom >> a/b/grown.bin',
    'echo new > a/new.txt',
    'rm doomed.txt && rm -r gone-dir',
    'echo changed > keep.txt && touch -d 2001-01-01 keep.txt',
    'mv a/b/c/deep.txt a/b/c/moved.txt && ln -sfn a/b/c/moved.txt link',
    'rm -r empty && echo now-a-file > empty',
  ].join(' && ');

  for (const forceRelay of [false, true]) {
    const kind = forceRelay ? 'relay' : 'direct';
    it(`copies a volume in a bulk pass while it is written, then a delta pass; manifests match (${kind})`, async () => {
      const { name, path } = await volumeOnSource(kind, FILL);
      // The bulk marker is taken 2 s early (file times lag the clock a little): files written
      // within those 2 s would count as changed and the delta would be no smaller than the bulk.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const writer = `mig-transfer-writer-${kind}-${run}`;
      await onMachine(
        SOURCE_MACHINE,
        `docker run -d --name ${writer} -v ${name}:/v ${rig.testImage} sh -c 'i=0; while true; do echo $i >> /v/log; i=$((i+1)); sleep 0.05; done' >/dev/null`,
      );
      try {
        const facts = await volumeFacts(source, name);
        expect(facts).toMatchObject({ name, driver: 'local', labels: { 'crossdock.test': 'transfer', run } });
        expect(facts.files).toBeGreaterThanOrEqual(14);
        await withRoute(source, target, { migrationId: `vol-${kind}-${run}`, forceRelay }, async (route) => {
          expect(route.kind).toBe(kind);
          const progress: TransferProgress[] = [];
          const bulk = await copyVolume(route, name, 'bulk', { onProgress: (p) => progress.push(p) });
          expect(bulk.bytes).toBeGreaterThan(3_000_000);
          // The sparse file's hole is not sent.
          expect(bulk.bytes).toBeLessThan(10_000_000);
          expect(progress.at(-1)).toMatchObject({ kind: 'volume', item: name, pass: 'bulk', bytes: bulk.bytes });

          // A catch-up pass while the writer runs and files come and go as fast as they can: a file
          // that changed or vanished as it was read must not fail it; it hands back a newer marker.
          await onMachine(
            SOURCE_MACHINE,
            `docker exec -d ${writer} sh -c 'i=0; while true; do echo $i > /v/churn.$i; rm -f /v/churn.$((i-1)); i=$((i+1)); done'`,
          );
          // Markers are whole seconds: a fast bulk pass may end in the second it began.
          await new Promise((resolve) => setTimeout(resolve, 1_100));
          await onMachine(SOURCE_MACHINE, `cd ${path} && mkdir later && mv early later/`);
          const catchUp = await copyVolume(route, name, 'delta', {
            marker: bulk.marker,
            dirs: bulk.dirs,
            running: true,
          });
          expect(Number(catchUp.marker)).toBeGreaterThan(Number(bulk.marker));

          await onMachine(SOURCE_MACHINE, `docker stop -t 1 ${writer} >/dev/null && cd ${path} && ${CHANGE}`);
          const delta = await copyVolume(route, name, 'delta', { marker: catchUp.marker, dirs: catchUp.dirs });
          expect(delta.deleted).toBeGreaterThanOrEqual(4);
          expect(delta.bytes).toBeLessThan(bulk.bytes);
        });
        const comparison = await compareManifests(source, target, name);
        expect(comparison).toMatchObject({ match: true, differences: [], differenceCount: 0 });
        expect(comparison.files).toBeGreaterThanOrEqual(14);
        const targetPath = await mountpoint(TARGET_MACHINE, name);
        expect(
          (
            await onMachine(
              TARGET_MACHINE,
              `cd ${targetPath} && stat -c '%a %u:%g' secret && cat keep.txt && readlink link && test -d a/b && ! test -e doomed.txt && test -f empty && du -k sparse | cut -f1`,
            )
          )
            .split('\n')
            .slice(0, 4),
        ).toEqual(['600 1234:5678', 'changed', 'a/b/c/moved.txt', expect.stringMatching(/^\d+$/)]);
        expect(Number((await onMachine(TARGET_MACHINE, `du -k ${targetPath}/sparse | cut -f1`)).trim())).toBeLessThan(
          1024,
        );
        // Moved directories arrive with their files, and swapped ones hold each other's.
        expect(
          (
            await onMachine(
              TARGET_MACHINE,
              `cd ${targetPath} && cat renamed-tree/sub/leaf later/early/file swap1/f2 swap1/same swap2/f1 && ls swap1 && ! test -e tree`,
            )
          ).split('\n'),
        ).toEqual(['t', 'e', 'two', 'same2', 'one', 'f2', 'same', '']);
        expect((await onMachine(TARGET_MACHINE, `docker volume inspect -f '{{json .Labels}}' ${name}`)).trim()).toBe(
          JSON.stringify({ 'crossdock.test': 'transfer', run }),
        );
      } finally {
        await onMachine(SOURCE_MACHINE, `docker rm -f ${writer} >/dev/null 2>&1 || true`);
      }
    });
  }

  it('copies the whole volume again when more directories moved since the last pass than its command can name', async () => {
    // 4,001 directories, each with a file, then each moved into a new directory: all topmost moves.
    const { name, path } = await volumeOnSource(
      'many-moves',
      'for i in $(seq 1 4001); do mkdir d$i && echo $i > d$i/f; done',
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the bulk marker's 2 s of slack
    const lines: string[] = [];
    await withRoute(source, target, { migrationId: `mvs-${run}` }, async (route) => {
      const bulk = await copyVolume(route, name, 'bulk');
      await onMachine(SOURCE_MACHINE, `cd ${path} && mkdir into && mv d* into/`);
      const delta = await copyVolume(route, name, 'delta', {
        marker: bulk.marker,
        dirs: bulk.dirs,
        log: (line) => lines.push(line),
      });
      expect(delta.bytes).toBeGreaterThan(4001 * 512);
    });
    expect(lines.join('\n')).toContain('4001 directories moved since, so all of it');
    // Paths: the volume's root, into/, and each directory with its file.
    expect(await compareManifests(source, target, name)).toMatchObject({ match: true, files: 2 + 4001 * 2 });
  });

  it('reports a corrupted file, a changed mode and an extra file on the target by path', async () => {
    const { name } = await volumeOnSource('corrupt', 'mkdir d && echo hello > d/one && echo world > two');
    await withRoute(source, target, { migrationId: `cor-${run}` }, (route) => copyVolume(route, name, 'bulk'));
    expect((await compareManifests(source, target, name)).match).toBe(true);
    const targetPath = await mountpoint(TARGET_MACHINE, name);
    await onMachine(
      TARGET_MACHINE,
      `cd ${targetPath} && printf 'jello\\n' > d/one && chmod 640 two && echo extra > three`,
    );
    const comparison = await compareManifests(source, target, name);
    expect(comparison.match).toBe(false);
    expect(comparison.differenceCount).toBe(3);
    expect(comparison.differences).toEqual([
      expect.stringMatching(/^d\/one: content differs/),
      'three: only on the target',
      'two: mode 644 → 640',
    ]);
  });

  it('refuses with NO_SPACE before copying when the target is too small, and names host and volume', async () => {
    const { name } = await volumeOnSource('nospace', 'head -c 3000000 /dev/urandom > big.bin');
    await ensureVolume(source, target, name);
    const targetPath = await mountpoint(TARGET_MACHINE, name);
    // The target's volume lives on a 1 MiB filesystem (test only; removed in afterAll).
    await onMachine(TARGET_MACHINE, `mount -t tmpfs -o size=1m mig-transfer-small ${targetPath}`);
    const error = await withRoute(source, target, { migrationId: `nsp-${run}` }, (route) =>
      failure(copyVolume(route, name, 'bulk')),
    );
    expect(error.code).toBe('NO_SPACE');
    expect(error.message).toContain('docker-5');
    expect(error.message).toContain(name);
    expect(error.details).toMatchObject({
      host: 'docker-5',
      volume: name,
      free: expect.any(Number),
      needed: expect.any(Number),
    });
    expect((await onMachine(TARGET_MACHINE, `ls -A ${targetPath}`)).trim()).toBe('');
  });

  it('turns a disk that fills up during the copy into NO_SPACE too', async () => {
    // The target already holds 700 KB the check counts as reusable, so the 900 KB volume seems to fit.
    const { name } = await volumeOnSource('fills', 'head -c 900000 /dev/urandom > big.bin');
    await ensureVolume(source, target, name);
    const targetPath = await mountpoint(TARGET_MACHINE, name);
    await onMachine(
      TARGET_MACHINE,
      `mount -t tmpfs -o size=1m mig-transfer-small ${targetPath} && head -c 700000 /dev/urandom > ${targetPath}/filler`,
    );
    const error = await withRoute(source, target, { migrationId: `nsp2-${run}` }, (route) =>
      failure(copyVolume(route, name, 'bulk')),
    );
    expect(error).toMatchObject({ code: 'NO_SPACE', details: { host: 'docker-5', volume: name } });
    expect(error.message).toMatch(/docker-5.*ran out of disk space.*volume/);
  });

  it('cancels a copy: both ends stop and nothing keeps running', async () => {
    const { name } = await volumeOnSource(
      'cancel',
      'head -c 400000000 /dev/zero > zeros && head -c 100000000 /dev/urandom > random',
    );
    for (const forceRelay of [false, true]) {
      const controller = new AbortController();
      const error = await withRoute(
        source,
        target,
        { migrationId: `cnl-${forceRelay ? 'r' : 'd'}-${run}`, forceRelay },
        (route) => {
          // Cancelled mid-stream: at the first progress report, or 200 ms after the pipe starts
          // (logged just before it), whichever is first — a fast link can move the whole volume
          // before dd's first once-a-second report, and then there would be nothing to cancel.
          const copying = copyVolume(route, name, 'bulk', {
            signal: controller.signal,
            onProgress: (p) => p.bytes > 0 && controller.abort(),
            log: () => setTimeout(() => controller.abort(), 200),
          });
          return failure(copying);
        },
      );
      expect(error.code).toBe('CANCELLED');
      const busy = "ps -eo args | grep -E '^(tar|ssh|dd) ' || true";
      await expect
        .poll(async () => (await onMachine(SOURCE_MACHINE, busy)) + (await onMachine(TARGET_MACHINE, busy)), {
          timeout: 10_000,
        })
        .toBe('');
    }
    expect(await leftovers(`cnl-d-${run}`)).toEqual({ keys: '', dirs: '' });
  });

  it("needs the last pass's marker and directories for a delta pass, and removes a volume on rollback", async () => {
    const { name } = await volumeOnSource('rollback', 'echo x > x');
    await withRoute(source, target, { migrationId: `rb-${run}` }, async (route) => {
      expect((await failure(copyVolume(route, name, 'delta'))).code).toBe('INVALID_ARGUMENT');
    });
    await removeVolumeOn(target, name);
    await removeVolumeOn(target, name);
    expect(await onMachine(TARGET_MACHINE, `docker volume ls -q --filter name=^${name}$`)).toBe('');
  });
});

describe('the local engine as an end', () => {
  it('sends a volume from this computer straight to the target, and relays the other way', async () => {
    const name = `mig-transfer-local-${run}`;
    localVolumes.push(name);
    const path = execFileSync(
      'sh',
      ['-c', `docker volume create ${name} >/dev/null && docker volume inspect -f '{{.Mountpoint}}' ${name}`],
      { encoding: 'utf8' },
    ).trim();
    execFileSync('sh', [
      '-c',
      `cd ${path} && mkdir d && head -c 500000 /dev/urandom > d/data && ln -s d/data link && chmod 640 d/data`,
    ]);
    volumes.push(name); // the target's copy is removed with the others

    await withRoute(local, target, { migrationId: `loc-${run}` }, async (route) => {
      expect(route.kind).toBe('direct');
      expect((await copyVolume(route, name, 'bulk')).bytes).toBeGreaterThan(500_000);
    });
    expect(await compareManifests(local, target, name)).toMatchObject({ match: true, files: 4 });

    await onMachine(TARGET_MACHINE, `echo more > ${await mountpoint(TARGET_MACHINE, name)}/d/more`);
    await withRoute(target, local, { migrationId: `loc2-${run}` }, async (route) => {
      expect(route).toMatchObject({ kind: 'relay', reason: expect.stringContaining('the engine on this computer') });
      const bulk = await copyVolume(route, name, 'bulk');
      await copyVolume(route, name, 'delta', { marker: bulk.marker, dirs: bulk.dirs });
    });
    expect(await compareManifests(target, local, name)).toMatchObject({ match: true, files: 5 });
  });
});
