// A machine end to end on AWS EC2 (the wire emulator, reached only through the endpoint
// setting): the account is added after its credentials are checked, the machine created with a
// host key Crossdock chose (passed in the user data, its fingerprint on a tag) and pinned, Docker
// bootstrapped, and destroying it leaves no instance, key pair or security group of it behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrossdockApi, type CrossdockEvents, type RpcClient, requireJobResult } from '../../../shared/index.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { startEc2Emulator, type Ec2Emulator } from '../../emulators/ec2/index.js';
import { runId } from './run-id.js';

const NAME = `aws-it-${runId}`;
/** Not the emulator's home region, which the provider is added with. */
const REGION = 'eu-west-1';
let emulator: Ec2Emulator;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;

beforeAll(async () => {
  execFileSync('bash', ['test/rig/rig.sh', 'up', '1'], { stdio: 'ignore' }); // the machine image and network
  emulator = await startEc2Emulator();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-aws-machines-'));
  core = createCore({ dataDir, mode: 'test', knownHostsPaths: [] });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'aws machines passphrase' });
}, 600_000);

afterAll(async () => {
  await core?.dispose();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('machines on AWS EC2', () => {
  it('refuses wrong credentials with PROVIDER_AUTH_FAILED and saves nothing', async () => {
    const credentials = { accessKeyId: emulator.accessKeyId, secretAccessKey: `${emulator.secretAccessKey}x` };
    await expect(
      client.api.providers.add({
        name: 'aws-bad',
        kind: 'aws',
        region: emulator.region,
        endpoint: emulator.endpoint,
        credentials,
      }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      message: expect.stringContaining('aws-bad'),
    });
    expect((await client.api.providers.list({})).map((p) => p.name)).toEqual(['local']);
  });

  it('creates a bootstrapped machine with the host key Crossdock chose pinned, then destroys it cleanly', async () => {
    const credentials = { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey };
    // The emulator's images authorise the key for root, as custom AMIs may: the provider setting says so.
    await client.api.providers.add({
      name: 'aws',
      kind: 'aws',
      region: emulator.region,
      endpoint: emulator.endpoint,
      credentials,
      sshUserByOs: { 'debian-12': 'root' },
    });
    // In a zone of another region than the account's default one (`machine create --region`).
    const job = await client.api.machines.create({
      name: NAME,
      provider: 'aws',
      size: 'small',
      os: 'debian-12',
      region: `${REGION}b`,
      openPorts: [80],
    });
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') throw new Error(`the job ended ${done.state}: ${done.error?.message ?? ''}`);
    const machine = requireJobResult(done, 'machine-create');
    expect(machine).toMatchObject({
      name: NAME,
      providerKind: 'aws',
      state: 'running',
      hostName: NAME,
      type: 't3.small',
      region: REGION,
    });
    expect((await client.api.machines.list({})).find((m) => m.name === NAME)?.id).toBe(machine.id);
    const logs = (await client.api.jobs.logs({ id: job.id })).map((l) => l.text).join('\n');
    expect(logs).toContain('Host keys reported by the provider');
    expect((await client.api.hosts.list({})).find((h) => h.name === NAME)?.status).not.toBe('error');
    // The key pinned is the one Crossdock chose and passed in the user data (its fingerprint is
    // on the instance's tag), known before the machine existed.
    const tagged = await new EC2Client({ endpoint: emulator.endpoint, region: REGION, credentials }).send(
      new DescribeInstancesCommand({ InstanceIds: [machine.id.split('/')[1] ?? ''] }),
    );
    const chosen = tagged.Reservations?.[0]?.Instances?.[0]?.Tags?.find((t) => t.Key === 'crossdock:host-key')?.Value;
    expect(chosen).toMatch(/^SHA256:/);
    expect((await client.api.hosts.list({})).find((h) => h.name === NAME)?.hostKey?.fingerprint).toBe(chosen);

    await client.api.machines.remove({ machine: NAME });
    const ec2 = new EC2Client({ endpoint: emulator.endpoint, region: REGION, credentials });
    const reservations =
      (await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [NAME] }] })))
        .Reservations ?? [];
    const live = reservations.flatMap((r) => r.Instances ?? []).filter((i) => i.State?.Name !== 'terminated');
    expect(live).toEqual([]);
    expect((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs?.map((k) => k.KeyName)).not.toContain(
      `crossdock-${NAME}`,
    );
    expect(
      (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups?.map((g) => g.GroupName),
    ).not.toContain(`crossdock-${NAME}`);
    expect((await client.api.hosts.list({})).map((h) => h.name)).not.toContain(NAME);
  });
});
