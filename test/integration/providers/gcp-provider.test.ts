// The GCE provider against the GCE wire emulator: Google's own SDK on the wire, real rig machines
// behind it, so create → pinned host key → SSH login is exercised end to end.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FirewallsClient, InstancesClient } from '@google-cloud/compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOptions } from '../../../electron/core/providers/gcp/clients.js';
import { createGcpProvider } from '../../../electron/core/providers/gcp/index.js';
import type { Provider, ProviderMachine } from '../../../electron/core/providers/provider.js';
import { startGceEmulator, type GceEmulator } from '../../emulators/gce/index.js';
import { machineHostKeyFingerprint } from '../../rig/host-key.js';
import { runPinned } from '../../rig/pinned-ssh.js';
import { runId } from './run-id.js';

const run = promisify(execFile);
const zone = 'europe-west1-b';
/** Instance names of this run: leftovers of a killed run cannot collide with them. */
const named = (base: string): string => `gcp-${base}-${runId}`;
let emulator: GceEmulator;
let provider: Provider;
let keyDir: string;
let privateKey: Buffer;
let publicKey: string;

function makeProvider(name = 'emulated'): Provider {
  const { host, port } = emulator;
  return createGcpProvider({
    name,
    zone,
    serviceAccountJson: emulator.serviceAccountJson,
    apiEndpoint: { host, port, protocol: 'http' },
  });
}

beforeAll(async () => {
  emulator = await startGceEmulator();
  provider = makeProvider();
  keyDir = mkdtempSync(join(tmpdir(), 'gcp-provider-key-'));
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'crossdock-test', '-f', join(keyDir, 'id_ed25519')]);
  privateKey = readFileSync(join(keyDir, 'id_ed25519'));
  publicKey = readFileSync(join(keyDir, 'id_ed25519.pub'), 'utf8').trim();
});

afterAll(async () => {
  await emulator?.close();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

/** Polls get() the way the machines service does, until running with an address. */
async function waitRunning(id: string, timeoutMs = 60_000): Promise<ProviderMachine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const machine = await provider.get(id);
    if (machine?.state === 'running' && machine.address) return machine;
    if (Date.now() > deadline) throw new Error(`${id} not running after ${timeoutMs} ms: ${JSON.stringify(machine)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The emulator's container for an instance, found by its labels rather than a guessed name. */
async function containerOf(name: string): Promise<string> {
  const { stdout } = await run('docker', [
    'ps',
    '--format',
    '{{.Names}}',
    '--filter',
    'label=crossdock.emulator=gce',
    '--filter',
    `name=-${name}$`,
  ]);
  const found = stdout.trim().split('\n').filter(Boolean);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Logs in as the provider's user with the test key, accepting only the given host keys. */
function sshRun(address: string, fingerprints: string[], command: string): Promise<string> {
  return runPinned({ host: address, username: 'crossdock', privateKey, pinned: fingerprints }, command);
}

function spec(name: string, inZone = zone) {
  return {
    name,
    size: 'small',
    os: 'debian-12' as const,
    region: inZone,
    openPorts: [80, 443],
    sshPublicKey: publicKey,
  };
}

describe('GCE provider (emulator)', () => {
  let singleCreateMs = 0;

  it('verifies credentials, and refuses a foreign key as PROVIDER_AUTH_FAILED', async () => {
    await provider.verifyCredentials();
    // Cancellation is an ordinary argument: an aborted signal stops the call before it goes out.
    await expect(provider.verifyCredentials(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const foreign = createGcpProvider({
      name: 'stolen',
      zone,
      serviceAccountJson: { ...emulator.serviceAccountJson, private_key: stranger },
      apiEndpoint: { host: emulator.host, port: emulator.port, protocol: 'http' },
    });
    await expect(foreign.verifyCredentials()).rejects.toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      message: expect.stringMatching(/^Google Cloud \(stolen\) refused the credentials: /),
    });
  });

  it('lists regions and sizes with the normalised picks', async () => {
    const regions = await provider.regions();
    expect(regions.map((r) => r.name)).toEqual(['europe-west1', 'us-central1']);
    expect(regions[0]?.zones).toContain(zone);
    const sizes = await provider.sizes(zone);
    expect(sizes.find((s) => s.normalized === 'small')).toMatchObject({
      type: 'e2-small',
      vcpus: 2,
      memoryGiB: 2,
      arch: 'amd64',
    });
    expect(sizes.find((s) => s.normalized === 'medium')).toMatchObject({
      type: 'e2-standard-2',
      vcpus: 2,
      memoryGiB: 8,
    });
    expect(sizes.find((s) => s.normalized === 'large')).toMatchObject({
      type: 'e2-standard-8',
      vcpus: 8,
      memoryGiB: 32,
    });
    expect(sizes.find((s) => s.type === 't2a-standard-2')?.arch).toBe('arm64');
  });

  it('creates a machine, pins its host key from the serial port, logs in, stops, starts and destroys it', async () => {
    const web = named('web');
    let started = Date.now();
    const created = await provider.create(spec(web));
    expect(created).toMatchObject({ id: `${zone}/${web}`, sshUser: 'crossdock', os: 'debian-12', type: 'e2-small' });
    expect(['pending', 'running']).toContain(created.state);
    const machine = await waitRunning(created.id);
    singleCreateMs = Date.now() - started;
    console.log(`gcp provider: create → running in ${singleCreateMs} ms`);

    const fingerprints = await provider.hostKeyFingerprints(machine.id);
    const real = await machineHostKeyFingerprint(await containerOf(web));
    expect(fingerprints).toContain(real);
    expect((await sshRun(machine.address!, [real], 'id -un')).trim()).toBe('crossdock');

    started = Date.now();
    await provider.stop(machine.id);
    expect((await provider.get(machine.id))?.state).toBe('stopped');
    await provider.start(machine.id);
    expect((await waitRunning(machine.id)).address).toBe(machine.address);
    console.log(`gcp provider: stop + start in ${Date.now() - started} ms`);
    expect((await sshRun(machine.address!, [real], 'id -un')).trim()).toBe('crossdock');

    // Another laptop with the same credentials finds it by label.
    expect((await makeProvider('second').list()).map((m) => m.id)).toEqual([machine.id]);
    await expect(provider.create(spec(web))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });

    await provider.destroy(machine.id);
    expect(await provider.get(machine.id)).toBeNull();
    const options = clientOptions(emulator.serviceAccountJson, {
      host: emulator.host,
      port: emulator.port,
      protocol: 'http',
    });
    const [instances] = await new InstancesClient(options).list({ project: emulator.project, zone });
    expect(instances).toEqual([]);
    const [rules] = await new FirewallsClient(options).list({ project: emulator.project });
    expect(rules.map((r) => r.name)).not.toContain(`crossdock-${web}`);
    await provider.destroy(machine.id); // idempotent
  });

  it('refuses an unknown size without leaving a firewall rule', async () => {
    const bad = named('bad');
    await expect(provider.create({ ...spec(bad), size: 'x9-huge-1' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const options = clientOptions(emulator.serviceAccountJson, {
      host: emulator.host,
      port: emulator.port,
      protocol: 'http',
    });
    const [rules] = await new FirewallsClient(options).list({ project: emulator.project });
    expect(rules.map((r) => r.name)).not.toContain(`crossdock-${bad}`);
  });

  it('creates three machines at once, one in another region, and lists all of them', async () => {
    const names = ['a', 'b', 'c'].map(named);
    // The last one outside the provider's default zone (and region): list() must still find it.
    const zones = [zone, 'europe-west1-c', 'us-central1-a'];
    const started = Date.now();
    const created = await Promise.all(names.map((name, i) => provider.create(spec(name, zones[i]))));
    const createdMs = Date.now() - started;
    const machines = await Promise.all(created.map((m) => waitRunning(m.id)));
    const parallelMs = Date.now() - started;
    console.log(
      `gcp provider: three machines running in ${parallelMs} ms (create calls returned after ${createdMs} ms; one machine took ${singleCreateMs} ms; ratio ${(parallelMs / Math.max(singleCreateMs, 1)).toFixed(2)})`,
    );
    expect(new Set(machines.map((m) => m.address)).size).toBe(3);
    expect((await provider.list()).map((m) => m.name).sort()).toEqual(names);
    // A second laptop, whose default zone is elsewhere, sees every one with its zone.
    const second = createGcpProvider({
      name: 'second',
      zone: 'us-central1-f',
      serviceAccountJson: emulator.serviceAccountJson,
      apiEndpoint: { host: emulator.host, port: emulator.port, protocol: 'http' },
    });
    const listed = await second.list();
    expect(listed.map((m) => [m.name, m.region, m.id]).sort()).toEqual(
      names.map((name, i) => [name, zones[i], `${zones[i]}/${name}`]),
    );
    expect(await second.get(`us-central1-a/${names[2]}`)).toMatchObject({
      state: 'running',
      address: machines[2]?.address,
    });
    await Promise.all(machines.map((m) => provider.destroy(m.id)));
    expect(await provider.list()).toEqual([]);
  });
});
