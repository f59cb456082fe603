// The EC2 emulator driven only through the official AWS SDK v3 clients, with real machines
// behind its instances: what a provisioning provider will see against the real EC2.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  GetConsoleOutputCommand,
  ImportKeyPairCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  type Instance,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEc2Emulator, type Ec2Emulator } from '../../emulators/ec2/index.js';
import { machineHostKeyFingerprint } from '../../rig/host-key.js';
import {
  consoleEd25519Fingerprint,
  consoleHostKeys,
  containerState,
  docker,
  makeKeyPair,
  sshRun,
} from './ec2-helpers.js';

let emulator: Ec2Emulator;
let ec2: EC2Client;
let ssm: SSMClient;
let key: { privateKey: Buffer; publicKey: string };
const launched: string[] = [];
const waitFast = { maxWaitTime: 120, minDelay: 1, maxDelay: 2 };

/** The error name (EC2's error code) a call fails with. */
async function failure(call: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function describeOne(instanceId: string): Promise<Instance> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  if (!instance) throw new Error(`${instanceId} not described`);
  return instance;
}

beforeAll(async () => {
  emulator = await startEc2Emulator();
  const config = {
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
  };
  ec2 = new EC2Client(config);
  ssm = new SSMClient(config);
  key = await makeKeyPair();
});

afterAll(async () => {
  await emulator?.close();
  ec2?.destroy();
  ssm?.destroy();
  // No machine of this run may outlive the emulator.
  for (const id of launched) expect(await containerState(id)).toBeNull();
});

describe('EC2 emulator', () => {
  it('refuses a wrong secret and an unsigned request with AuthFailure', async () => {
    const wrong = new EC2Client({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    expect(await failure(wrong.send(new DescribeRegionsCommand({})))).toEqual({ name: 'AuthFailure', status: 401 });
    // A signer that signs nothing: the request goes out without an Authorization header.
    const unsigned = new EC2Client({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      signer: { sign: async (request) => request },
    });
    expect(await failure(unsigned.send(new DescribeRegionsCommand({})))).toEqual({ name: 'AuthFailure', status: 401 });
    const wrongSsm = new SSMClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: 'nope' },
    });
    expect(
      (await failure(wrongSsm.send(new GetParameterCommand({ Name: '/aws/service/debian/release/12/latest/amd64' }))))
        .status,
    ).toBe(400);
    for (const client of [wrong, unsigned, wrongSsm]) client.destroy();
  });

  it('serves regions, zones, instance types and images, and SSM resolves the same AMIs', async () => {
    const regions = await ec2.send(new DescribeRegionsCommand({}));
    expect(regions.Regions?.map((r) => r.RegionName)).toContain(emulator.region);
    const zones = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones?.map((z) => z.ZoneName)).toContain(`${emulator.region}a`);
    const types = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t4g.small', 'm6i.2xlarge'] }));
    const byName = new Map(types.InstanceTypes?.map((t) => [t.InstanceType, t]));
    expect(byName.get('t4g.small')?.ProcessorInfo?.SupportedArchitectures).toEqual(['arm64']);
    expect(byName.get('m6i.2xlarge')).toMatchObject({
      VCpuInfo: { DefaultVCpus: 8 },
      MemoryInfo: { SizeInMiB: 32768 },
    });

    const debian = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['136693071363'],
        Filters: [
          { Name: 'name', Values: ['debian-12-amd64-*'] },
          { Name: 'architecture', Values: ['x86_64'] },
        ],
      }),
    );
    expect(debian.Images).toHaveLength(1);
    const debianParam = await ssm.send(
      new GetParameterCommand({ Name: '/aws/service/debian/release/12/latest/amd64' }),
    );
    expect(debianParam.Parameter?.Value).toBe(debian.Images?.[0]?.ImageId);

    const ubuntu = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['099720109477'],
        Filters: [{ Name: 'name', Values: ['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*'] }],
      }),
    );
    const ubuntuParam = await ssm.send(
      new GetParameterCommand({
        Name: '/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id',
      }),
    );
    expect(ubuntu.Images?.[0]?.Architecture).toBe('arm64');
    expect(ubuntuParam.Parameter?.Value).toBe(ubuntu.Images?.[0]?.ImageId);
    expect((await failure(ssm.send(new GetParameterCommand({ Name: '/aws/service/nope' })))).name).toBe(
      'ParameterNotFound',
    );
  });

  it('serves every region of its catalogue apart, by the region a request is signed for', async () => {
    const config = (region: string) => ({
      endpoint: emulator.endpoint,
      region,
      credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
    });
    expect(emulator.regions).toContain('eu-west-1');
    const west = new EC2Client(config('eu-west-1'));
    const zones = await west.send(new DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones?.map((z) => z.ZoneName)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    // Key pairs are regional: one imported in eu-west-1 is unknown at home.
    await west.send(
      new ImportKeyPairCommand({ KeyName: 'crossdock-regional', PublicKeyMaterial: Buffer.from(key.publicKey) }),
    );
    expect((await west.send(new DescribeKeyPairsCommand({}))).KeyPairs?.map((p) => p.KeyName)).toContain(
      'crossdock-regional',
    );
    expect((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs?.map((p) => p.KeyName)).not.toContain(
      'crossdock-regional',
    );
    await west.send(new DeleteKeyPairCommand({ KeyName: 'crossdock-regional' }));
    // A region it does not serve is refused like a bad signature.
    const nowhere = new EC2Client(config('mars-north-1'));
    expect(await failure(nowhere.send(new DescribeRegionsCommand({})))).toEqual({ name: 'AuthFailure', status: 401 });
    for (const client of [west, nowhere]) client.destroy();
  });

  let groupId = '';
  let instanceId = '';
  let address = '';
  let fingerprint = '';

  it('imports a key pair and makes a security group open on port 22', async () => {
    const imported = await ec2.send(
      new ImportKeyPairCommand({ KeyName: 'crossdock-test', PublicKeyMaterial: Buffer.from(key.publicKey) }),
    );
    expect(imported.KeyPairId).toMatch(/^key-/);
    expect(
      (
        await failure(
          ec2.send(
            new ImportKeyPairCommand({ KeyName: 'crossdock-test', PublicKeyMaterial: Buffer.from(key.publicKey) }),
          ),
        )
      ).name,
    ).toBe('InvalidKeyPair.Duplicate');
    const pairs = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['crossdock-test'], IncludePublicKey: true }));
    expect(pairs.KeyPairs?.[0]).toMatchObject({
      KeyType: 'ed25519',
      PublicKey: key.publicKey.split(' ').slice(0, 2).join(' '),
    });

    groupId =
      (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'crossdock-ssh', Description: 'SSH from anywhere' })))
        .GroupId ?? '';
    expect(
      (await failure(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'crossdock-ssh', Description: 'again' }))))
        .name,
    ).toBe('InvalidGroup.Duplicate');
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    expect(groups.SecurityGroups?.[0]?.IpPermissions).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
    ]);
  });

  it('runs a tagged instance that boots a real machine whose console shows its real host key', async () => {
    const started = Date.now();
    const imageId = (await ssm.send(new GetParameterCommand({ Name: '/aws/service/debian/release/12/latest/amd64' })))
      .Parameter?.Value;
    const out = await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't3.small',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'crossdock-test',
        SecurityGroupIds: [groupId],
        Placement: { AvailabilityZone: `${emulator.region}b` },
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: 'Name', Value: 'web-1' },
              { Key: 'crossdock', Value: 'yes' },
            ],
          },
        ],
      }),
    );
    instanceId = out.Instances?.[0]?.InstanceId ?? '';
    launched.push(instanceId);
    expect(out.Instances?.[0]?.State?.Name).toBe('pending');
    await waitUntilInstanceRunning({ client: ec2, ...waitFast }, { InstanceIds: [instanceId] });
    console.log(`ec2 emulator: RunInstances → running in ${Date.now() - started} ms`);

    const tagged = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:Name', Values: ['web-1'] },
          { Name: 'instance-state-name', Values: ['running'] },
        ],
      }),
    );
    const instance = tagged.Reservations?.[0]?.Instances?.[0];
    expect(instance).toMatchObject({
      InstanceId: instanceId,
      KeyName: 'crossdock-test',
      Placement: { AvailabilityZone: `${emulator.region}b` },
    });
    address = instance?.PublicIpAddress ?? '';
    expect(address).toMatch(/^10\.213\.0\.(1[5-6]\d)$/);
    expect(instance?.PrivateIpAddress).toBe(address);

    const consoleOut = await ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId }));
    const text = Buffer.from(consoleOut.Output ?? '', 'base64').toString('utf8');
    fingerprint = await machineHostKeyFingerprint(`crossdock-ec2-${instanceId}`);
    expect(consoleEd25519Fingerprint(text)).toBe(fingerprint);
    expect(consoleHostKeys(text).some((line) => line.startsWith('ssh-ed25519 '))).toBe(true);

    const whoami = await sshRun(address, key.privateKey, fingerprint, 'id -un; cat /root/.ssh/authorized_keys');
    expect(whoami.trim().split('\n')).toEqual([
      'root',
      `${key.publicKey.split(' ').slice(0, 2).join(' ')} crossdock-test`,
    ]);
    // The rig's own key, which the machine image trusts, is not accepted on an instance.
    await expect(sshRun(address, await readFile(inject('rig').keyPath), fingerprint, 'true')).rejects.toThrow(
      /authentication/i,
    );
  });

  it('refuses to delete a security group an instance uses', async () => {
    expect((await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })))).name).toBe(
      'DependencyViolation',
    );
  });

  it('stops and starts an instance, keeping its disk and host keys', async () => {
    const started = Date.now();
    await sshRun(address, key.privateKey, fingerprint, 'echo kept > /root/marker');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    await waitUntilInstanceStopped({ client: ec2, ...waitFast }, { InstanceIds: [instanceId] });
    expect(await containerState(instanceId)).toBe('exited');
    expect((await describeOne(instanceId)).PublicIpAddress).toBeUndefined();
    const restart = await ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    expect(restart.StartingInstances?.[0]).toMatchObject({
      PreviousState: { Name: 'stopped' },
      CurrentState: { Name: 'pending' },
    });
    await waitUntilInstanceRunning({ client: ec2, ...waitFast }, { InstanceIds: [instanceId] });
    expect((await describeOne(instanceId)).PublicIpAddress).toBe(address);
    expect(await sshRun(address, key.privateKey, fingerprint, 'cat /root/marker')).toBe('kept\n');
    console.log(`ec2 emulator: stop + start in ${Date.now() - started} ms`);
  });

  it('pages DescribeInstances and filters by tag key and state', async () => {
    const more = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0de12bookworm000',
        InstanceType: 't3.micro',
        MinCount: 5,
        MaxCount: 5,
        KeyName: 'crossdock-test',
      }),
    );
    const ids = more.Instances?.map((i) => i.InstanceId ?? '') ?? [];
    launched.push(...ids);
    expect(ids).toHaveLength(5);
    await ec2.send(new CreateTagsCommand({ Resources: ids, Tags: [{ Key: 'batch', Value: 'paging' }] }));

    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(
        new DescribeInstancesCommand({ MaxResults: 5, ...(nextToken ? { NextToken: nextToken } : {}) }),
      );
      seen.push(...(page.Reservations?.flatMap((r) => r.Instances?.map((i) => i.InstanceId ?? '') ?? []) ?? []));
      nextToken = page.NextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([instanceId, ...ids].sort());

    const batch = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: ['batch'] }] }));
    expect(batch.Reservations?.flatMap((r) => r.Instances ?? [])).toHaveLength(5);
    expect((await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).name).toBe(
      'InvalidInstanceID.NotFound',
    );

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
    await waitUntilInstanceTerminated({ client: ec2, ...waitFast }, { InstanceIds: ids });
    for (const id of ids) expect(await containerState(id)).toBeNull();
  });

  it('terminates an instance: its machine is removed, it stays listed as terminated', async () => {
    const out = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    expect(out.TerminatingInstances?.[0]).toMatchObject({
      PreviousState: { Name: 'running' },
      CurrentState: { Name: 'shutting-down' },
    });
    await waitUntilInstanceTerminated({ client: ec2, ...waitFast }, { InstanceIds: [instanceId] });
    expect(await containerState(instanceId)).toBeNull();
    const listed = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-state-name', Values: ['terminated'] },
          { Name: 'instance-id', Values: [instanceId] },
        ],
      }),
    );
    expect(listed.Reservations?.[0]?.Instances?.[0]?.State).toEqual({ Code: 48, Name: 'terminated' });
  });

  it('deletes the security group and the key pair once nothing uses them', async () => {
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    expect((await failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })))).name).toBe(
      'InvalidGroup.NotFound',
    );
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'crossdock-test' }));
    expect((await failure(ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['crossdock-test'] })))).name).toBe(
      'InvalidKeyPair.NotFound',
    );
    // Nothing of this emulator remains in Docker but what close() will remove (nothing).
    const left = await docker.listContainers({ all: true, filters: { label: ['crossdock.emulator=ec2'] } });
    expect(left.filter((c) => launched.includes(c.Labels['crossdock.emulator.instance-id'] ?? ''))).toEqual([]);
  });
});
