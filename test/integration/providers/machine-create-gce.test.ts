// A machine end to end on Google Compute Engine (the wire emulator, reached only through the
// provider's endpoint setting): the account is added after its credentials are checked, the
// machine is created, its host key read from the serial port and pinned, Docker bootstrapped,
// a container runs, and destroying it leaves no instance or firewall rule behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrossdockApi, type CrossdockEvents, type RpcClient, requireJobResult } from '../../../shared/index.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { startGceEmulator, type GceEmulator } from '../../emulators/gce/index.js';
import { upDockerRig } from '../docker-rig.js';
import { runId } from './run-id.js';

const NAME = `gce-it-${runId}`;
let emulator: GceEmulator;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;
let testImage: string;

beforeAll(async () => {
  testImage = (await upDockerRig(1)).testImage;
  emulator = await startGceEmulator();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-gce-machines-'));
  core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'gce machines passphrase' });
}, 600_000);

afterAll(async () => {
  await core?.dispose();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('machines on Google Compute Engine', () => {
  it('refuses an account whose credentials do not work, and saves nothing', async () => {
    const foreign = {
      ...emulator.serviceAccountJson,
      private_key: execFileSync('openssl', ['genrsa', '2048'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    };
    await expect(
      client.api.providers.add({
        name: 'gce-bad',
        kind: 'gcp',
        region: 'europe-west1-b',
        endpoint: emulator.endpoint,
        serviceAccountJson: JSON.stringify(foreign),
      }),
    ).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    expect((await client.api.providers.list({})).map((p) => p.name)).toEqual(['local']);
  });

  it('adds the account, creates a bootstrapped machine with the pinned key, and destroys it cleanly', async () => {
    const json = JSON.stringify(emulator.serviceAccountJson);
    const provider = await client.api.providers.add({
      name: 'gce',
      kind: 'gcp',
      region: 'europe-west1-b',
      endpoint: emulator.endpoint,
      serviceAccountJson: json,
    });
    expect(provider).toMatchObject({ kind: 'gcp', hasCredential: true });
    // The key file is in the vault only: not in the settings file, not in any log.
    const privateKeyLine = emulator.serviceAccountJson.private_key.split('\n')[1] ?? '';
    for (const file of readdirSync(dataDir, { recursive: true }).map(String)) {
      if (file.endsWith('.json') || file.endsWith('.log') || file.endsWith('.jsonl')) {
        const text = readFileSync(join(dataDir, file), 'utf8');
        if (!file.startsWith('vault')) expect(text, file).not.toContain(privateKeyLine);
      }
    }
    const sizes = await client.api.providers.sizes({ provider: 'gce' });
    expect(
      sizes
        .filter((s) => s.normalized)
        .map((s) => s.normalized)
        .sort(),
    ).toEqual(['large', 'medium', 'small']);

    const job = await client.api.machines.create({
      name: NAME,
      provider: 'gce',
      size: 'small',
      os: 'debian-12',
      openPorts: [8080],
    });
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') throw new Error(`the job ended ${done.state}: ${done.error?.message ?? ''}`);
    const machine = requireJobResult(done, 'machine-create');
    expect(machine).toMatchObject({ name: NAME, providerKind: 'gcp', state: 'running', hostName: NAME });

    const container = emulator.containerName('europe-west1-b', NAME);
    const real = execFileSync('docker', ['exec', container, 'ssh-keygen', '-lf', '/etc/ssh/ssh_host_ed25519_key.pub'], {
      encoding: 'utf8',
    }).split(/\s+/)[1];
    expect((await client.api.hosts.list({})).find((h) => h.name === NAME)?.hostKey?.fingerprint).toBe(real);

    execFileSync('sh', ['-c', `docker save ${testImage} | docker exec -i ${container} docker load`], {
      stdio: 'ignore',
    });
    execFileSync('docker', ['exec', container, 'docker', 'run', '-d', '--name', 'hello', testImage, 'sleep', '300'], {
      stdio: 'ignore',
    });
    expect((await client.api.docker.containers({ all: true, hosts: [NAME] })).items.map((c) => c.name)).toContain(
      'hello',
    );

    await client.api.machines.remove({ machine: NAME });
    expect((await client.api.machines.list({})).map((m) => m.name)).not.toContain(NAME);
    expect((await client.api.hosts.list({})).map((h) => h.name)).not.toContain(NAME);
    const left = execFileSync(
      'docker',
      ['ps', '-a', '--filter', 'label=crossdock.emulator=gce', '--format', '{{.Names}}'],
      { encoding: 'utf8' },
    );
    expect(left).not.toContain(NAME);
  });
});
