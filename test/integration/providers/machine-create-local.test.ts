// A machine end to end on the built-in local sandbox, through the API every client uses:
// create → SSH ready with the host key the provider reported, pinned → Docker bootstrapped →
// listed as a host whose containers Crossdock sees → destroyed, leaving nothing behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrossdockApi, type CrossdockEvents, type RpcClient, requireJobResult } from '../../../shared/index.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { upDockerRig } from '../docker-rig.js';
import { runId } from './run-id.js';

const NAME = `sbx-it-${runId}`;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;
let testImage: string;

beforeAll(async () => {
  testImage = (await upDockerRig(1)).testImage; // also builds the tiny test image on this engine
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-machines-'));
  core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'machines passphrase' });
}, 600_000);

afterAll(async () => {
  const leftover = (await client.api.machines.list({}).catch(() => [])).find((m) => m.name === NAME);
  if (leftover) await client.api.machines.remove({ machine: leftover.id }).catch(() => undefined);
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('machines on the local sandbox', () => {
  it('creates, bootstraps, lists as a host, runs a container, and destroys a machine', async () => {
    expect((await client.api.providers.list({})).map((p) => p.kind)).toEqual(['local']);
    const job = await client.api.machines.create({
      name: NAME,
      provider: 'local',
      size: 'small',
      os: 'debian-12',
      openPorts: [],
    });
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') throw new Error(`the job ended ${done.state}: ${done.error?.message ?? ''}`);
    const machine = requireJobResult(done, 'machine-create');
    expect(machine).toMatchObject({ name: NAME, providerKind: 'local', state: 'running', hostName: NAME });

    // The pinned host key is the machine's real one.
    const container = `crossdock-sandbox-${NAME}`;
    const real = execFileSync('docker', ['exec', container, 'ssh-keygen', '-lf', '/etc/ssh/ssh_host_ed25519_key.pub'], {
      encoding: 'utf8',
    }).split(/\s+/)[1];
    const host = (await client.api.hosts.list({})).find((h) => h.name === NAME);
    expect(host?.hostKey?.fingerprint).toBe(real);
    const logs = (await client.api.jobs.logs({ id: job.id })).map((l) => l.text).join('\n');
    expect(logs).toContain('Host keys reported by the provider');

    // Docker runs in it: a container started there is seen through the host's connection.
    execFileSync('sh', ['-c', `docker save ${testImage} | docker exec -i ${container} docker load`], {
      stdio: 'ignore',
    });
    execFileSync('docker', ['exec', container, 'docker', 'run', '-d', '--name', 'hello', testImage, 'sleep', '300'], {
      stdio: 'ignore',
    });
    const listed = await client.api.docker.containers({ all: true, hosts: [NAME] });
    expect(listed.failures).toEqual([]);
    expect(listed.items.map((c) => c.name)).toContain('hello');
    expect((await client.api.machines.list({})).map((m) => m.name)).toContain(NAME);

    // Stopped, it has no address, yet it is still one machine linked to its host (not also an
    // "existing server"); started again, its host follows it to whatever address it now has.
    await client.api.machines.stop({ machine: NAME });
    const whileStopped = (await client.api.machines.list({})).filter((m) => m.name === NAME);
    expect(whileStopped).toEqual([
      expect.objectContaining({ providerKind: 'local', state: 'stopped', hostName: NAME }),
    ]);
    const restarted = await client.api.machines.start({ machine: NAME });
    expect(restarted).toMatchObject({ state: 'running', hostName: NAME });
    expect((await client.api.hosts.list({})).find((h) => h.name === NAME)?.address).toBe(restarted.address);

    await client.api.machines.remove({ machine: NAME });
    expect((await client.api.machines.list({})).map((m) => m.name)).not.toContain(NAME);
    expect((await client.api.hosts.list({})).map((h) => h.name)).not.toContain(NAME);
    const left = execFileSync('docker', ['ps', '-a', '--filter', `name=${container}`, '--format', '{{.Names}}'], {
      encoding: 'utf8',
    }).trim();
    expect(left).toBe('');
  });
});
