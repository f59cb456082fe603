// The key pair and security group Crossdock makes for each machine, named `crossdock-<name>` and
// tagged, so destroy (from any laptop) can find and remove them with the instance.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  ImportKeyPairCommand,
  type EC2Client,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import { setTimeout as sleep } from 'node:timers/promises';
import { awsErrorName } from './errors.js';
import { resourceName, TAGS } from './instance.js';

function managedTags(resourceType: 'key-pair' | 'security-group', machineName: string): TagSpecification[] {
  return [
    {
      ResourceType: resourceType,
      Tags: [
        { Key: TAGS.managed, Value: TAGS.managedValue },
        { Key: 'Name', Value: machineName },
      ],
    },
  ];
}

/**
 * Imports the machine's public key as `crossdock-<name>`. A pair of that name can only be left
 * over from an earlier failed create (the caller checked no live machine has the name), so it is
 * replaced: the key the user gives now is the one that must work.
 */
export async function importKeyPair(
  ec2: EC2Client,
  machineName: string,
  publicKey: string,
  signal?: AbortSignal,
): Promise<string> {
  const options = signal ? { abortSignal: signal } : {};
  const KeyName = resourceName(machineName);
  await ec2.send(new DeleteKeyPairCommand({ KeyName }), options);
  await ec2.send(
    new ImportKeyPairCommand({
      KeyName,
      PublicKeyMaterial: Buffer.from(publicKey.trim()),
      TagSpecifications: managedTags('key-pair', machineName),
    }),
    options,
  );
  return KeyName;
}

/** Creates `crossdock-<name>` open to the world on 22 and the given ports (TCP, IPv4). */
export async function createSecurityGroup(
  ec2: EC2Client,
  machineName: string,
  openPorts: number[],
  signal?: AbortSignal,
): Promise<string> {
  const options = signal ? { abortSignal: signal } : {};
  const GroupName = resourceName(machineName);
  // A leftover from an earlier failed create may hold other ports: remove it and start clean.
  await deleteSecurityGroup(ec2, GroupName, signal);
  const created = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName,
      Description: `Crossdock machine ${machineName}`,
      TagSpecifications: managedTags('security-group', machineName),
    }),
    options,
  );
  const GroupId = created.GroupId ?? '';
  const ports = [...new Set([22, ...openPorts])];
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId,
      IpPermissions: ports.map((port) => ({
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      })),
    }),
    options,
  );
  return GroupId;
}

/**
 * Deletes a security group by name if it exists. EC2 keeps a group "in use" for a little while
 * after its instance terminates, so DependencyViolation is retried for up to `retryMs`.
 */
export async function deleteSecurityGroup(
  ec2: EC2Client,
  groupName: string,
  signal?: AbortSignal,
  retryMs = 60_000,
): Promise<void> {
  const options = signal ? { abortSignal: signal } : {};
  const found = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [groupName] }] }),
    options,
  );
  const deadline = Date.now() + retryMs;
  for (const group of found.SecurityGroups ?? []) {
    for (;;) {
      try {
        await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }), options);
        break;
      } catch (error) {
        const name = awsErrorName(error);
        if (name === 'InvalidGroup.NotFound') break;
        if (name !== 'DependencyViolation' || Date.now() > deadline) throw error;
        await sleep(2_000, undefined, signal ? { signal } : {});
      }
    }
  }
}

/** Deletes a key pair by name (idempotent on EC2). */
export async function deleteKeyPair(ec2: EC2Client, keyName: string, signal?: AbortSignal): Promise<void> {
  await ec2.send(new DeleteKeyPairCommand({ KeyName: keyName }), signal ? { abortSignal: signal } : {});
}
