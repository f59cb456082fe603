// A machine end to end on Hetzner Cloud (the wire emulator, reached only through the provider's
// endpoint setting): the token is checked before it is saved, the machine is created with a
// host key Crossdock chose and passed in the user data, that key is pinned before the first
// connection, Docker is bootstrapped, a container runs, and destroying it leaves no server,
// firewall or SSH key of Crossdock's on the account. The client's wire behaviour (pagination,
// rate limits, error shapes) is checked against the same emulator.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrossdockApi, type CrossdockEvents, type RpcClient, requireJobResult } from '../../../shared/index.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { HetznerApiError, HetznerClient } from '../../../electron/core/providers/hetzner/client.js';
import { createHetznerProvider } from '../../../electron/core/providers/hetzner/index.js';
import { startHetznerEmulator, type HetznerEmulator } from '../../emulators/hetzner/index.js';
import { upDockerRig } from '../docker-rig.js';
import { runId } from './run-id.js';

const NAME = `hetzner-it-${runId}`;
let emulator: HetznerEmulator;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;
let testImage: string;

beforeAll(async () => {
  testImage = (await upDockerRig(1)).testImage;
  emulator = await startHetznerEmulator();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-hetzner-machines-'));
  core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'hetzner machines passphrase' });
}, 600_000);

afterAll(async () => {
  await core?.dispose();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the Hetzner client on the wire', () => {
  it('follows pagination to the last page', async () => {
    const api = new HetznerClient({ token: emulator.token, endpoint: emulator.endpoint, perPage: 2 });
    const types = await api.list<{ name: string }>('/server_types', 'server_types');
    expect(types.length).toBeGreaterThan(4);
    expect(new Set(types.map((t) => t.name)).size).toBe(types.length);
  });

  it('reads the documented error body and the rate-limit headers', async () => {
    const api = new HetznerClient({ token: 'a'.repeat(64), endpoint: emulator.endpoint });
    const refused = await api.request('GET', '/locations').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HetznerApiError);
    expect(refused).toMatchObject({ status: 401, code: 'unauthorized' });

    const limited = await startHetznerEmulator({ rateLimit: 2, refillPerSecond: 0.001 });
    try {
      const headers = { authorization: `Bearer ${limited.token}` };
      const first = await fetch(`${limited.endpoint}/locations`, { headers });
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      await fetch(`${limited.endpoint}/locations`, { headers });
      const third = await fetch(`${limited.endpoint}/locations`, { headers });
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
      expect(Number(third.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    } finally {
      await limited.close();
    }
  });
});

describe('machines on Hetzner Cloud', () => {
  it('refuses a token that does not work, and saves nothing', async () => {
    await expect(
      client.api.providers.add({
        name: 'hetzner-bad',
        kind: 'hetzner',
        region: 'fsn1',
        endpoint: emulator.endpoint,
        token: 'b'.repeat(64),
      }),
    ).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    expect((await client.api.providers.list({})).map((p) => p.name)).toEqual(['local']);
  });

  it('creates a bootstrapped machine with the host key Crossdock chose, and destroys it cleanly', async () => {
    const provider = await client.api.providers.add({
      name: 'hetzner',
      kind: 'hetzner',
      region: 'fsn1',
      endpoint: emulator.endpoint,
      token: emulator.token,
    });
    expect(provider).toMatchObject({ kind: 'hetzner', hasCredential: true });
    // The token is in the vault only: not in the settings file, not in any log.
    for (const file of readdirSync(dataDir, { recursive: true }).map(String)) {
      if (!file.startsWith('vault') && /\.(json|jsonl|log)$/.test(file))
        expect(readFileSync(join(dataDir, file), 'utf8'), file).not.toContain(emulator.token);
    }
    const sizes = await client.api.providers.sizes({ provider: 'hetzner' });
    expect(Object.fromEntries(sizes.filter((s) => s.normalized).map((s) => [s.normalized, s.type]))).toEqual({
      small: 'cx22',
      medium: 'cx32',
      large: 'ccx33',
    });
    expect((await client.api.providers.regions({ provider: 'hetzner' })).map((r) => r.name)).toContain('nbg1');

    const job = await client.api.machines.create({
      name: NAME,
      provider: 'hetzner',
      size: 'small',
      os: 'debian-12',
      openPorts: [8080],
    });
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') throw new Error(`the job ended ${done.state}: ${done.error?.message ?? ''}`);
    const machine = requireJobResult(done, 'machine-create');
    expect(machine).toMatchObject({ name: NAME, providerKind: 'hetzner', state: 'running', hostName: NAME });

    const container = emulator.containerName(NAME);
    const onDisk = execFileSync('docker', ['exec', container, 'sh', '-c', 'ls /etc/ssh/ | grep ssh_host_'], {
      encoding: 'utf8',
    });
    // Only the chosen key is offered: the image's own were deleted (`ssh_deletekeys`).
    expect(onDisk.trim().split('\n').sort()).toEqual(['ssh_host_ed25519_key', 'ssh_host_ed25519_key.pub']);
    const real = execFileSync('docker', ['exec', container, 'ssh-keygen', '-lf', '/etc/ssh/ssh_host_ed25519_key.pub'], {
      encoding: 'utf8',
    }).split(/\s+/)[1];
    expect((await client.api.hosts.list({})).find((h) => h.name === NAME)?.hostKey?.fingerprint).toBe(real);
    // The fingerprint was known before the machine existed: it is on the server's label, which
    // the provider reports, so the first connection was pinned rather than trusted on first use.
    const hostKeys = await createHetznerProvider({
      name: 'check',
      location: 'fsn1',
      token: emulator.token,
      endpoint: emulator.endpoint,
    }).hostKeyFingerprints(machine.id);
    expect(hostKeys).toEqual([real]);
    // The private host key is not kept anywhere in Crossdock's data.
    const privateHostKey = execFileSync('docker', ['exec', container, 'cat', '/etc/ssh/ssh_host_ed25519_key'], {
      encoding: 'utf8',
    }).split('\n')[2];
    for (const file of readdirSync(dataDir, { recursive: true }).map(String)) {
      if (/\.(json|jsonl|log)$/.test(file))
        expect(readFileSync(join(dataDir, file), 'utf8'), file).not.toContain(privateHostKey);
    }

    execFileSync('sh', ['-c', `docker save ${testImage} | docker exec -i ${container} docker load`], {
      stdio: 'ignore',
    });
    execFileSync('docker', ['exec', container, 'docker', 'run', '-d', '--name', 'hello', testImage, 'sleep', '300'], {
      stdio: 'ignore',
    });
    expect((await client.api.docker.containers({ all: true, hosts: [NAME] })).items.map((c) => c.name)).toContain(
      'hello',
    );

    await client.api.machines.stop({ machine: NAME });
    expect((await client.api.machines.list({})).find((m) => m.name === NAME)?.state).toBe('stopped');
    await client.api.machines.start({ machine: NAME });
    expect((await client.api.machines.list({})).find((m) => m.name === NAME)?.state).toBe('running');

    await client.api.machines.remove({ machine: NAME });
    expect((await client.api.machines.list({})).map((m) => m.name)).not.toContain(NAME);
    expect((await client.api.hosts.list({})).map((h) => h.name)).not.toContain(NAME);
    const api = new HetznerClient({ token: emulator.token, endpoint: emulator.endpoint });
    expect(await api.list('/servers', 'servers')).toEqual([]);
    expect(await api.list('/firewalls', 'firewalls')).toEqual([]);
    expect(await api.list('/ssh_keys', 'ssh_keys')).toEqual([]);
    const left = execFileSync(
      'docker',
      ['ps', '-a', '--filter', 'label=crossdock.emulator=hetzner', '--format', '{{.Names}}'],
      { encoding: 'utf8' },
    );
    expect(left).not.toContain(NAME);
  });
});
