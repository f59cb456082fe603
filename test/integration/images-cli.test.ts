// `crossdock image pull|send|ls|rm` as a user runs them: the real bin in a fresh Node process per
// command, against rig machines crossdock-docker-4 and -5 and this computer's engine (hosts added
// through the CLI itself), with a two-layer image pushed to the rig registry and a registry login
// kept in the vault (`crossdock registry login`).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImagePullReport, ImageRemoveReport, ImageSendReport } from '../../shared/index.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

const run = promisify(execFile);

// Every command is a fresh Node process that unlocks the vault (scrypt); sends open SSH routes.
vi.setConfig({ testTimeout: 300_000 });

const RUN = randomBytes(3).toString('hex');
const SOURCE = 'crossdock-docker-4';
const TARGET = 'crossdock-docker-5';
const CONTAINER = `images-cli-${RUN}`;
let rig: DockerRigInfo;
let home: string;
let image: string;
/** Layers of the rig's test image, which every host holds; the run's image adds one. */
let base: number;

function crossdock(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
      env: {
        ...process.env,
        CROSSDOCK_HOME: home,
        CROSSDOCK_PASSPHRASE: 'cli-passphrase',
        // This computer checks the login against the registry, whose TLS certificate the rig's CA signed.
        NODE_EXTRA_CA_CERTS: rig.registry.caPath,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function ok(args: string[], stdin?: string): Promise<string> {
  const result = await crossdock(args, stdin);
  if (result.code !== 0) throw new Error(`crossdock ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

async function imageIdOn(machine: string | null): Promise<string> {
  const inspect = `docker image inspect -f '{{.Id}}' ${image} 2>/dev/null || true`;
  if (machine !== null) return (await onMachine(machine, inspect)).trim();
  return (await run('sh', ['-c', inspect])).stdout.trim();
}

async function addSshHost(name: string, machine: string): Promise<void> {
  const { address, port } = machineNamed(rig, machine);
  await ok([
    'host',
    'add',
    name,
    '--ssh',
    `root@${address}:${port}`,
    '--key',
    rig.keyPath,
    '--trust',
    await machineHostKeyFingerprint(machine),
  ]);
}

beforeAll(async () => {
  rig = await upDockerRig(5);
  home = mkdtempSync(join(tmpdir(), 'crossdock-images-cli-'));
  const { address, username, password } = rig.registry;
  image = `${address}/crossdock-it/images-cli:${RUN}`;
  // Two layers: the rig's test image, which every host holds, and one of this run. Pushed with the
  // machine's own CLI (a fixture: the product never runs `docker login` on a host), then removed.
  await onMachine(
    SOURCE,
    [
      'set -e',
      'd=$(mktemp -d)',
      `printf 'FROM ${rig.testImage}\\nRUN echo ${RUN} > /images-cli-run\\n' > "$d/Dockerfile"`,
      `docker build -q -t ${image} "$d" >/dev/null`,
      'rm -rf "$d"',
      `echo '${password}' | docker login -u ${username} --password-stdin ${address} >/dev/null`,
      `docker push ${image} >/dev/null`,
      `docker logout ${address} >/dev/null`,
      `docker rmi ${image} >/dev/null`,
    ].join('\n'),
  );
  base = Number((await onMachine(SOURCE, `docker image inspect -f '{{len .RootFS.Layers}}' ${rig.testImage}`)).trim());
  await addSshHost('docker-4', SOURCE);
  await addSshHost('docker-5', TARGET);
  await ok(['host', 'add', 'here', '--local']);
  await ok(['registry', 'login', address, '-u', username, '--password-stdin'], `${password}\n`);
});

afterAll(async () => {
  if (rig && image) {
    const clean = `docker rm -f ${CONTAINER} >/dev/null 2>&1; docker rmi -f ${image} >/dev/null 2>&1; true`;
    await Promise.all([onMachine(SOURCE, clean), onMachine(TARGET, clean), run('sh', ['-c', clean])]);
  }
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('crossdock image', () => {
  it('pulls onto a host with the vault’s login, layer by layer, and names a missing tag', async () => {
    const result = await crossdock(['image', 'pull', 'docker-4', image, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ImagePullReport;
    expect(report).toMatchObject({
      host: 'docker-4',
      image,
      registry: rig.registry.address,
      layers: base + 1,
      // The base layers are the rig's test image, which the host holds.
      layersExisting: base,
    });
    // The run's layer is a few hundred bytes: the engine reports it done without a byte count.
    expect(report.bytes).toBeGreaterThanOrEqual(0);
    expect(report.id).toBe(await imageIdOn(SOURCE));
    expect(result.stderr).toContain(`[pull] ${image} on docker-4`);

    const missing = `${rig.registry.address}/crossdock-it/images-cli:no-such-tag`;
    const refused = await crossdock(['image', 'pull', 'docker-4', missing]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(missing);
    expect(refused.stderr).toContain('(IMAGE_NOT_FOUND)');
  });

  it('lists the images of a host, with the containers that use them', async () => {
    const listed = JSON.parse(await ok(['image', 'ls', '--host', 'docker-4', '--json'])) as {
      host: string;
      id: string;
      tags: string[];
      containers: number;
    }[];
    expect(listed.every((i) => i.host === 'docker-4')).toBe(true);
    expect(listed).toContainEqual(
      expect.objectContaining({ id: await imageIdOn(SOURCE), tags: [image], containers: 0 }),
    );
    const table = await ok(['image', 'ls', '--host', 'docker-4']);
    expect(table.split('\n')[0]).toMatch(/^HOST\s+IMAGE\s+IMAGE ID\s+SIZE\s+CREATED\s+CONTAINERS$/);
    expect(table).toContain(image);
  });

  it('sends only the layers each host lacks, host to host or relayed, and nothing the second time', async () => {
    const first = await crossdock(['image', 'send', `docker-4/${image}`, '--to', 'docker-5', '--to', 'here', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as ImageSendReport;
    const id = await imageIdOn(SOURCE);
    expect(report).toMatchObject({ source: 'docker-4', image, id });
    const byHost = new Map(report.targets.map((t) => [t.host, t]));
    // The base layers are on both targets already: one layer goes, and only its bytes.
    expect(byHost.get('docker-5')).toMatchObject({
      route: { kind: 'direct' },
      sent: true,
      layers: base + 1,
      layersHeld: base,
    });
    expect(byHost.get('here')).toMatchObject({
      route: { kind: 'relay' },
      sent: true,
      layers: base + 1,
      layersHeld: base,
    });
    for (const target of report.targets) {
      expect(target.bytes).toBeGreaterThan(0);
      // The test image alone is about 2 MB; the run's layer is a few kB of tar.
      expect(target.bytes).toBeLessThan(100_000);
    }
    expect(await imageIdOn(TARGET)).toBe(id);
    expect(await imageIdOn(null)).toBe(id);
    expect(first.stderr).toContain('[route] docker-5: direct');

    const again = JSON.parse(
      await ok(['image', 'send', `docker-4/${image}`, '--to', 'docker-5', '--to', 'here', '--json']),
    ) as ImageSendReport;
    expect(again.targets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ host: 'docker-5', sent: false, bytes: 0, layers: base + 1, layersHeld: base + 1 }),
        expect.objectContaining({ host: 'here', sent: false, bytes: 0, layers: base + 1, layersHeld: base + 1 }),
      ]),
    );
    const table = await ok(['image', 'send', `docker-4/${image}`, '--to', 'docker-5']);
    expect(table).toMatch(new RegExp(`docker-5\\s+direct\\s+already there\\s+0 of ${base + 1} sent`));
  });

  it('refuses to send an image the source lacks, naming it', async () => {
    const result = await crossdock(['image', 'send', 'docker-4/no-such-image:1', '--to', 'docker-5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Image no-such-image:1 is not on docker-4');
    expect(result.stderr).toContain('(NOT_FOUND)');
  });

  it('removes an image, refusing while a container uses it unless --force', async () => {
    await onMachine(TARGET, `docker create --name ${CONTAINER} ${image} true >/dev/null`);
    const refused = await crossdock(['image', 'rm', 'docker-5', image]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `crossdock: Image ${image} on docker-5 is used by stopped container ${CONTAINER}; remove it first or add --force to remove it from under the stopped ones (FAILED_PRECONDITION)`,
    );
    expect(await imageIdOn(TARGET)).not.toBe('');

    const forced = JSON.parse(await ok(['image', 'rm', 'docker-5', image, '--force', '--json'])) as ImageRemoveReport;
    expect(forced).toMatchObject({ host: 'docker-5', image, untagged: [image] });
    expect(await imageIdOn(TARGET)).toBe('');

    expect(await ok(['image', 'rm', 'here', image])).toContain(`Removed ${image} from here`);
    expect(await imageIdOn(null)).toBe('');
    const listed = JSON.parse(await ok(['image', 'ls', '--json'])) as { host: string; tags: string[] }[];
    expect(listed.filter((i) => i.tags.includes(image)).map((i) => i.host)).toEqual(['docker-4']);
  });
});
