// The AWS provider against the EC2 wire emulator: the official SDK on the wire, real machines
// behind the instances. The provider is only given an endpoint; the one emulator-specific fact
// is that its AMIs authorise the key pair for root, which the test says through `sshUserByOs`.
import {
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAwsProvider,
  type AwsProvider,
  type AwsProviderOptions,
} from '../../../electron/core/providers/aws/index.js';
import { resolveImageId } from '../../../electron/core/providers/aws/images.js';
import { createAwsClients } from '../../../electron/core/providers/aws/options.js';
import type { MachineSpec, ProviderMachine } from '../../../electron/core/providers/provider.js';
import { startEc2Emulator, type Ec2Emulator } from '../../emulators/ec2/index.js';
import { machineHostKeyFingerprint } from '../../rig/host-key.js';
import { runPinned } from '../../rig/pinned-ssh.js';
import { docker, makeKeyPair } from '../emulators/ec2-helpers.js';
import { runId } from './run-id.js';

let emulator: Ec2Emulator;
let options: AwsProviderOptions;
let provider: AwsProvider;
let key: { privateKey: Buffer; publicKey: string };
const created = new Set<string>();
/** A region of the account other than the provider's default one. */
const otherRegion = 'us-west-2';
const names = new Set<string>();
/** Machine names of this run: leftovers of a killed run cannot collide with them. */
const named = (base: string): string => `aws-${base}-${runId}`;

/** Runs one command on a machine as its sshUser, accepting only the pinned host keys. */
function sshAs(
  machine: ProviderMachine,
  privateKey: Buffer,
  pinned: string | string[],
  command: string,
): Promise<string> {
  return runPinned(
    { host: machine.address ?? '', port: machine.sshPort, username: machine.sshUser, privateKey, pinned },
    command,
  );
}

/** Polls `get` (as the machines service does) until the machine runs with an address. */
async function untilRunning(id: string, timeoutMs = 60_000): Promise<ProviderMachine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const machine = await provider.get(id);
    if (machine?.state === 'running' && machine.address) return machine;
    if (Date.now() > deadline) throw new Error(`${id} not running after ${timeoutMs} ms: ${machine?.state}`);
    await sleep(300);
  }
}

/** The emulator's container for a machine (id `region/instance-id`), found by its labels. */
async function containerOf(machineId: string): Promise<string> {
  const instanceId = machineId.split('/').pop() ?? machineId;
  const [found] = await docker.listContainers({
    all: true,
    filters: { label: ['crossdock.emulator=ec2', `crossdock.emulator.instance-id=${instanceId}`] },
  });
  if (!found) throw new Error(`no container for ${instanceId}`);
  return found.Names[0]?.replace(/^\//, '') ?? found.Id;
}

async function createOne(name: string, region: string | null = null): Promise<ProviderMachine> {
  names.add(name);
  const machine = await provider.create({
    name,
    size: 'small',
    os: 'debian-12',
    region,
    openPorts: [8080],
    sshPublicKey: key.publicKey,
  });
  created.add(machine.id);
  return machine;
}

/** An SDK client of the emulator in one region, outside the provider. */
function rawClient(region: string): EC2Client {
  return new EC2Client({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
  });
}

/** Instances of a region that are not terminated, as EC2 itself lists them. */
async function rawInstances(region: string): Promise<Instance[]> {
  const raw = rawClient(region);
  const out = await raw.send(
    new DescribeInstancesCommand({
      Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }],
    }),
  );
  raw.destroy();
  return out.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
}

beforeAll(async () => {
  emulator = await startEc2Emulator();
  options = {
    name: 'emulated',
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
    sshUserByOs: { 'debian-12': 'root' },
    maxPollIntervalMs: 1_000,
    hostKeyTimeoutMs: 30_000,
  };
  provider = createAwsProvider(options);
  key = await makeKeyPair();
});

afterAll(async () => {
  // Whatever a failed test left behind goes with the emulator.
  await Promise.allSettled([...created].map((id) => provider.destroy(id)));
  provider?.close();
  await emulator?.close();
});

describe('AWS provider (EC2 emulator)', () => {
  it('verifies credentials, and names itself when they are wrong', async () => {
    await provider.verifyCredentials();
    const wrong = createAwsProvider({
      ...options,
      credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    await expect(wrong.verifyCredentials()).rejects.toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      message: expect.stringMatching(/^AWS \(emulated\) refused the credentials: /),
    });
    wrong.close();
  });

  it('reads a named profile from the shared credentials file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crossdock-aws-profile-'));
    await writeFile(
      join(dir, 'credentials'),
      `[crossdock-test]\naws_access_key_id = ${emulator.accessKeyId}\naws_secret_access_key = ${emulator.secretAccessKey}\n`,
    );
    await writeFile(join(dir, 'config'), '');
    const saved = { credentials: process.env.AWS_SHARED_CREDENTIALS_FILE, config: process.env.AWS_CONFIG_FILE };
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    try {
      const byProfile = createAwsProvider({ ...options, credentials: { profile: 'crossdock-test' } });
      await byProfile.verifyCredentials();
      const missing = createAwsProvider({ ...options, credentials: { profile: 'no-such-profile' } });
      await expect(missing.verifyCredentials()).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
      byProfile.close();
      missing.close();
    } finally {
      for (const [name, value] of [
        ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
        ['AWS_CONFIG_FILE', saved.config],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('finds each OS image, by SSM parameter or by owner and name', async () => {
    const { ec2, ssm } = createAwsClients(options);
    expect(await resolveImageId(ec2, ssm, 'debian-12', 'amd64')).toBe('ami-0de12bookworm000');
    expect(await resolveImageId(ec2, ssm, 'ubuntu-24.04', 'arm64')).toBe('ami-0ub2404noble0001');
    // Rocky publishes no SSM parameter: found by its owner id and image name.
    expect(await resolveImageId(ec2, ssm, 'rocky-9', 'arm64')).toBe('ami-0rocky9base00001');
    ec2.destroy();
    ssm.destroy();
  });

  it('refuses a bad spec before creating anything, and honours a cancelled signal', async () => {
    const spec: MachineSpec = {
      name: named('bad'),
      size: 'small',
      os: 'debian-12',
      region: null,
      openPorts: [],
      sshPublicKey: key.publicKey,
    };
    await expect(provider.create({ ...spec, size: 'x9.colossal' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(provider.create({ ...spec, region: 'mars-north-1' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(provider.create({ ...spec, name: 'no spaces' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(provider.list(AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
    names.add(spec.name);
  });

  it('lists regions with their zones and sizes with the normalised picks', async () => {
    const regions = await provider.regions();
    expect(regions.find((r) => r.name === emulator.region)?.zones).toContain(`${emulator.region}a`);
    const sizes = await provider.sizes(null);
    const picks = Object.fromEntries(sizes.filter((s) => s.normalized).map((s) => [s.normalized, s]));
    expect(picks).toEqual({
      small: { type: 't3.small', vcpus: 2, memoryGiB: 2, arch: 'amd64', hourlyPriceUsd: null, normalized: 'small' },
      medium: { type: 't3.large', vcpus: 2, memoryGiB: 8, arch: 'amd64', hourlyPriceUsd: null, normalized: 'medium' },
      large: {
        type: 'm6i.2xlarge',
        vcpus: 8,
        memoryGiB: 32,
        arch: 'amd64',
        hourlyPriceUsd: null,
        normalized: 'large',
      },
    });
    expect(sizes.find((s) => s.type === 't4g.small')?.arch).toBe('arm64');
    await expect(provider.sizes('mars-north-1')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // Another region of the account, or a zone of it, is asked in that region.
    expect((await provider.sizes(otherRegion)).find((s) => s.normalized === 'small')?.type).toBe('t3.small');
    expect(await provider.sizes(`${otherRegion}b`)).toEqual(await provider.sizes(otherRegion));
  });

  let machine: ProviderMachine;
  let fingerprint = '';

  it('creates a debian-12 machine that answers SSH with the host key Crossdock chose (user data)', async () => {
    const started = Date.now();
    const pending = await createOne(named('web-1'));
    expect(pending.id).toMatch(new RegExp(`^${emulator.region}/i-[0-9a-f]+$`));
    expect(pending).toMatchObject({
      name: named('web-1'),
      state: 'pending',
      os: 'debian-12',
      sshUser: 'root',
      type: 't3.small',
      region: emulator.region,
    });
    machine = await untilRunning(pending.id);
    console.log(`aws provider: create → running (polling get) in ${Date.now() - started} ms`);

    const fingerprints = await provider.hostKeyFingerprints(machine.id);
    fingerprint = await machineHostKeyFingerprint(await containerOf(machine.id));
    expect(fingerprints).toContain(fingerprint);
    expect(await sshAs(machine, key.privateKey, fingerprint, 'id -un')).toBe('root\n');
    await expect(createOne(named('web-1'))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('stops and starts the machine', async () => {
    const started = Date.now();
    await provider.stop(machine.id);
    while ((await provider.get(machine.id))?.state !== 'stopped') await sleep(300);
    await provider.start(machine.id);
    const running = await provider.waitUntilRunning(machine.id);
    expect(running.address).toBe(machine.address);
    expect(await sshAs(running, key.privateKey, fingerprint, 'id -un')).toBe('root\n');
    console.log(`aws provider: stop + start in ${Date.now() - started} ms`);
  });

  it('lists the machine, and a second laptop sees it too', async () => {
    expect((await provider.list()).map((m) => m.id)).toContain(machine.id);
    // Another provider object without the test's options: the user comes from the instance's tag.
    const second = createAwsProvider({
      name: 'laptop-2',
      region: options.region,
      credentials: options.credentials,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    expect((await second.list()).find((m) => m.id === machine.id)).toMatchObject({
      name: named('web-1'),
      state: 'running',
      sshUser: 'root',
      address: machine.address,
    });
    second.close();
  });

  it('destroys the machine with its key pair and security group', async () => {
    const started = Date.now();
    await provider.destroy(machine.id);
    created.delete(machine.id);
    console.log(`aws provider: destroy in ${Date.now() - started} ms`);
    expect(await provider.list()).toEqual([]);
    expect((await provider.get(machine.id))?.state).toBe('terminated');
    // Again is harmless (it would finish an interrupted destroy); an unknown id is NOT_FOUND.
    await provider.destroy(machine.id);
    await expect(provider.destroy('i-0123456789abcdef0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates three machines at once', async () => {
    const started = Date.now();
    const machines = await Promise.all(
      ['par-1', 'par-2', 'par-3'].map(named).map(async (name) => untilRunning((await createOne(name)).id)),
    );
    console.log(`aws provider: three machines create → running at once in ${Date.now() - started} ms`);
    expect(new Set(machines.map((m) => m.address)).size).toBe(3);
    const whoami = await Promise.all(
      machines.map(async (m) => sshAs(m, key.privateKey, (await provider.hostKeyFingerprints(m.id)) ?? [], 'id -un')),
    );
    expect(whoami).toEqual(['root\n', 'root\n', 'root\n']);
    await Promise.all(
      machines.map(async (m) => {
        await provider.destroy(m.id);
        created.delete(m.id);
      }),
    );
  });

  it('creates a machine in another region than the default, which every laptop lists, and destroys it there', async () => {
    const started = Date.now();
    const pending = await createOne(named('far'), `${otherRegion}c`);
    expect(pending).toMatchObject({ name: named('far'), region: otherRegion });
    expect(pending.id).toMatch(new RegExp(`^${otherRegion}/i-`));
    const far = await untilRunning(pending.id);
    console.log(`aws provider: create → running in ${otherRegion} in ${Date.now() - started} ms`);
    const fingerprints = await provider.hostKeyFingerprints(far.id);
    expect(await sshAs(far, key.privateKey, fingerprints ?? [], 'id -un')).toBe('root\n');

    // The instance, its key pair and its group are in that region only.
    const [inOther, inHome] = await Promise.all([rawInstances(otherRegion), rawInstances(emulator.region)]);
    expect(inOther.map((i) => i.InstanceId)).toEqual([pending.id.split('/')[1]]);
    expect(inOther[0]?.Placement?.AvailabilityZone).toBe(`${otherRegion}c`);
    expect(inHome).toEqual([]);

    // A second laptop whose default region is a third one lists it, and can stop it by id.
    const second = createAwsProvider({
      name: 'laptop-2',
      region: 'eu-central-1',
      credentials: options.credentials,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    expect((await second.list()).map((m) => [m.id, m.region, m.state])).toEqual([[far.id, otherRegion, 'running']]);
    await second.stop(far.id);
    expect(['stopping', 'stopped']).toContain((await provider.get(far.id))?.state);
    second.close();

    await expect(
      provider.create({
        name: named('nowhere'),
        size: 'small',
        os: 'debian-12',
        region: 'eu-west-12',
        openPorts: [],
        sshPublicKey: key.publicKey,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(otherRegion) });
    await provider.destroy(far.id);
    created.delete(far.id);
    expect(await provider.list()).toEqual([]);
  });

  it('leaves no instance, key pair or security group behind, in any region', async () => {
    const resourceNames = [...names].map((n) => `crossdock-${n}`);
    for (const region of [emulator.region, otherRegion]) {
      const raw = rawClient(region);
      const live = await raw.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] },
          ],
        }),
      );
      expect(live.Reservations?.flatMap((r) => r.Instances ?? []) ?? []).toEqual([]);
      const pairs = await raw.send(new DescribeKeyPairsCommand({}));
      expect((pairs.KeyPairs ?? []).filter((p) => resourceNames.includes(p.KeyName ?? ''))).toEqual([]);
      const groups = await raw.send(new DescribeSecurityGroupsCommand({}));
      expect((groups.SecurityGroups ?? []).filter((g) => resourceNames.includes(g.GroupName ?? ''))).toEqual([]);
      raw.destroy();
    }
  });
});
