// A machine end to end on DigitalOcean (the wire emulator, reached only through the provider's
// endpoint setting): the token is checked before it is saved, the droplet is created with a host
// key Crossdock chose and passed in the user data, that key is pinned before the first
// connection, Docker is bootstrapped, a container runs, the droplet stops and starts, and
// destroying it leaves no droplet, firewall, SSH key or tag of Crossdock's on the account. The
// client's wire behaviour (pagination, rate limits, error shapes) is checked against the same
// emulator, and three droplets are made and destroyed at once through the provider.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrossdockApi, type CrossdockEvents, type RpcClient, requireJobResult } from '../../../shared/index.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { generateEd25519Key } from '../../../electron/core/keys/generate-key.js';
import { DigitalOceanApiError, DigitalOceanClient } from '../../../electron/core/providers/digitalocean/client.js';
import { createDigitalOceanProvider } from '../../../electron/core/providers/digitalocean/index.js';
import { startDigitalOceanEmulator, type DigitalOceanEmulator } from '../../emulators/digitalocean/index.js';
import { upDockerRig } from '../docker-rig.js';
import { runId } from './run-id.js';

const NAME = `do-it-${runId}`;
let emulator: DigitalOceanEmulator;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;
let testImage: string;

beforeAll(async () => {
  testImage = (await upDockerRig(1)).testImage;
  emulator = await startDigitalOceanEmulator();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-digitalocean-machines-'));
  core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'digitalocean machines passphrase' });
}, 600_000);

afterAll(async () => {
  await core?.dispose();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Everything of Crossdock's the account holds: droplets, firewalls, SSH keys, tags. */
async function leftOnAccount(): Promise<Record<string, unknown[]>> {
  const api = new DigitalOceanClient({ token: emulator.token, endpoint: emulator.endpoint });
  return {
    droplets: await api.list('/droplets', 'droplets'),
    firewalls: await api.list('/firewalls', 'firewalls'),
    keys: await api.list('/account/keys', 'ssh_keys'),
    tags: await api.list('/tags', 'tags'),
  };
}

describe('the DigitalOcean client on the wire', () => {
  it('follows links.pages.next to the last page', async () => {
    const api = new DigitalOceanClient({ token: emulator.token, endpoint: emulator.endpoint, perPage: 3 });
    const sizes = await api.list<{ slug: string }>('/sizes', 'sizes');
    expect(sizes.length).toBeGreaterThan(6);
    expect(new Set(sizes.map((s) => s.slug)).size).toBe(sizes.length);
  });

  it('reads the documented error body and the rate-limit headers', async () => {
    const api = new DigitalOceanClient({ token: `dop_v1_${'0'.repeat(64)}`, endpoint: emulator.endpoint });
    const refused = await api.request('GET', '/account').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DigitalOceanApiError);
    expect(refused).toMatchObject({ status: 401, id: 'unauthorized' });

    const limited = await startDigitalOceanEmulator({ rateLimit: 2, refillPerSecond: 0.001 });
    try {
      const headers = { authorization: `Bearer ${limited.token}` };
      const first = await fetch(`${limited.endpoint}/regions`, { headers });
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      await fetch(`${limited.endpoint}/regions`, { headers });
      const third = await fetch(`${limited.endpoint}/regions`, { headers });
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ id: 'too_many_requests', message: expect.any(String) });
      expect(Number(third.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('machines on DigitalOcean', () => {
  it('refuses a token that does not work, and saves nothing', async () => {
    await expect(
      client.api.providers.add({
        name: 'do-bad',
        kind: 'digitalocean',
        region: 'fra1',
        endpoint: emulator.endpoint,
        token: `dop_v1_${'b'.repeat(64)}`,
      }),
    ).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    expect((await client.api.providers.list({})).map((p) => p.name)).toEqual(['local']);
  });

  it('creates a bootstrapped droplet with the host key Crossdock chose, stops, starts and destroys it cleanly', async () => {
    const provider = await client.api.providers.add({
      name: 'do',
      kind: 'digitalocean',
      region: 'fra1',
      endpoint: emulator.endpoint,
      token: emulator.token,
    });
    expect(provider).toMatchObject({ kind: 'digitalocean', region: 'fra1', hasCredential: true });
    // The token is in the vault only: not in the settings file, not in any log.
    for (const file of readdirSync(dataDir, { recursive: true }).map(String)) {
      if (!file.startsWith('vault') && /\.(json|jsonl|log)$/.test(file))
        expect(readFileSync(join(dataDir, file), 'utf8'), file).not.toContain(emulator.token);
    }
    const sizes = await client.api.providers.sizes({ provider: 'do' });
    expect(Object.fromEntries(sizes.filter((s) => s.normalized).map((s) => [s.normalized, s.type]))).toEqual({
      small: 's-2vcpu-2gb',
      medium: 's-4vcpu-8gb',
      large: 'g-8vcpu-32gb',
    });
    // DigitalOcean's own published price, in USD.
    expect(sizes.find((s) => s.type === 's-2vcpu-2gb')?.hourlyPriceUsd).toBeCloseTo(18 / 672, 5);
    expect((await client.api.providers.regions({ provider: 'do' })).map((r) => r.name)).toContain('ams3');

    const job = await client.api.machines.create({
      name: NAME,
      provider: 'do',
      size: 'small',
      os: 'debian-12',
      openPorts: [8080],
    });
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') throw new Error(`the job ended ${done.state}: ${done.error?.message ?? ''}`);
    const machine = requireJobResult(done, 'machine-create');
    expect(machine).toMatchObject({
      name: NAME,
      providerKind: 'digitalocean',
      state: 'running',
      hostName: NAME,
      region: 'fra1',
      type: 's-2vcpu-2gb',
      os: 'debian-12',
    });

    // The cloud firewall lets SSH and the asked port in, and everything out.
    const api = new DigitalOceanClient({ token: emulator.token, endpoint: emulator.endpoint });
    const [firewall] = await api.list<{
      name: string;
      droplet_ids: number[];
      inbound_rules: { ports: string }[];
      outbound_rules: { protocol: string }[];
    }>('/firewalls', 'firewalls');
    expect(firewall).toMatchObject({ name: `crossdock-${NAME}`, droplet_ids: [Number(machine.id)] });
    expect(firewall?.inbound_rules.map((r) => r.ports)).toEqual(['22', '8080']);
    expect(firewall?.outbound_rules.map((r) => r.protocol).sort()).toEqual(['icmp', 'tcp', 'udp']);

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
    // The fingerprint was known before the droplet existed: it is on the droplet's tag, which the
    // provider reports, so the first connection was pinned rather than trusted on first use.
    const hostKeys = await createDigitalOceanProvider({
      name: 'check',
      region: 'fra1',
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
    expect(await leftOnAccount()).toEqual({ droplets: [], firewalls: [], keys: [], tags: [] });
    const left = execFileSync(
      'docker',
      ['ps', '-a', '--filter', 'label=crossdock.emulator=digitalocean', '--format', '{{.Names}}'],
      { encoding: 'utf8' },
    );
    expect(left).not.toContain(NAME);
  });

  it('makes three droplets at once, each with the host key Crossdock chose for it, and leaves nothing after', async () => {
    const provider = createDigitalOceanProvider({
      name: 'three',
      region: 'ams3',
      token: emulator.token,
      endpoint: emulator.endpoint,
      actionPollMs: 250,
      destroyWaitMs: 60_000,
    });
    const names = [1, 2, 3].map((i) => `do-three-${i}-${runId}`);
    const created = await Promise.all(
      names.map((name) =>
        provider.create({
          name,
          size: 'small',
          os: 'ubuntu-24.04',
          region: null,
          openPorts: [],
          sshPublicKey: generateEd25519Key(name).publicKey,
        }),
      ),
    );
    expect(created.map((m) => m.state)).toEqual(['pending', 'pending', 'pending']);
    const deadline = Date.now() + 120_000;
    while ((await provider.list()).filter((m) => m.state === 'running').length < 3) {
      if (Date.now() > deadline) throw new Error('three droplets were not all active within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const machine of await provider.list()) {
      expect(machine).toMatchObject({ region: 'ams3', os: 'ubuntu-24.04', type: 's-2vcpu-2gb' });
      const real = execFileSync(
        'docker',
        ['exec', emulator.containerName(machine.name), 'ssh-keygen', '-lf', '/etc/ssh/ssh_host_ed25519_key.pub'],
        { encoding: 'utf8' },
      ).split(/\s+/)[1];
      expect(await provider.hostKeyFingerprints(machine.id)).toEqual([real]);
    }
    await Promise.all(created.map((m) => provider.destroy(m.id)));
    expect(await provider.list()).toEqual([]);
    expect(await leftOnAccount()).toEqual({ droplets: [], firewalls: [], keys: [], tags: [] });
  }, 240_000);
});

describe('crossdock provider add --type digitalocean', () => {
  /** The real bin, with its own data folder; the token comes from the environment only. */
  function crossdock(home: string, args: string[], token: string) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
        env: {
          ...process.env,
          CROSSDOCK_HOME: join(home, 'data'),
          CROSSDOCK_PASSPHRASE: 'digitalocean cli passphrase',
          HOME: home,
          DIGITALOCEAN_ACCESS_TOKEN: token,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('checks the token from DIGITALOCEAN_ACCESS_TOKEN and the region, then keeps the token in the vault', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crossdock-digitalocean-cli-'));
    try {
      const add = (region: string, token: string) =>
        crossdock(
          home,
          ['provider', 'add', 'do', '--type', 'digitalocean', '--region', region, '--endpoint', emulator.endpoint],
          token,
        );
      const refused = await add('fra1', `dop_v1_${'c'.repeat(64)}`);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('DigitalOcean (do) refused the API token');
      expect(refused.stderr).toContain('PROVIDER_AUTH_FAILED');
      const nowhere = await add('fra9', emulator.token);
      expect(nowhere.stderr).toContain('DigitalOcean has no region "fra9"; use one of ams3, fra1');
      const added = await add('fra1', emulator.token);
      expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Added do (digitalocean, fra1)') });
      expect(added.stdout + added.stderr).not.toContain(emulator.token);
      const listed = await crossdock(home, ['provider', 'ls'], '');
      expect(listed.stdout).toMatch(/do\s+digitalocean\s+fra1\s+in vault/);
      for (const file of readdirSync(join(home, 'data'), { recursive: true }).map(String)) {
        if (!file.startsWith('vault') && /\.(json|jsonl|log)$/.test(file))
          expect(readFileSync(join(home, 'data', file), 'utf8'), file).not.toContain(emulator.token);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
