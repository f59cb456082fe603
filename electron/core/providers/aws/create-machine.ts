// create(): image, key pair, security group, RunInstances, answered as soon as EC2 knows the
// instance (pending). Everything made before a failed RunInstances is removed again, so a bad
// spec changes nothing.
import { DescribeInstanceTypesCommand, RunInstancesCommand, type Tag } from '@aws-sdk/client-ec2';
import { CrossdockError } from '../../../../shared/errors.js';
import { chooseHostKey } from '../chosen-host-key.js';
import type { MachineSpec, ProviderMachine } from '../provider.js';
import { DEFAULT_SSH_USERS, resolveImageId } from './images.js';
import { resourceName, TAGS, toProviderMachine } from './instance.js';
import { createSecurityGroup, deleteKeyPair, deleteSecurityGroup, importKeyPair } from './machine-resources.js';
import type { AwsClients, AwsProviderOptions } from './options.js';
import type { Placement } from './placement.js';
import { archOf, instanceTypeFor } from './sizes.js';

// Key pair and security group names are built from it: keep it to what both accept everywhere.
const MACHINE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/** Refuses a name key pairs and security groups could not be named after. */
export function checkMachineName(name: string): void {
  if (!MACHINE_NAME.test(name)) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `Machine name "${name}" must be letters, digits and dashes (at most 63)`,
      { name },
    );
  }
}

/**
 * Creates the machine with the clients of `placement.region`; `nameTaken` tells whether a live
 * managed machine there already has the name.
 */
export async function createMachine(
  clients: AwsClients,
  options: AwsProviderOptions,
  spec: MachineSpec,
  placement: Placement,
  nameTaken: (name: string) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<ProviderMachine> {
  checkMachineName(spec.name);
  const { zone } = placement;
  const send = signal ? { abortSignal: signal } : {};
  const instanceType = instanceTypeFor(spec.size);
  const [types, taken] = await Promise.all([
    clients.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType] }), send),
    nameTaken(spec.name),
  ]);
  if (taken)
    throw new CrossdockError('ALREADY_EXISTS', `A machine named ${spec.name} already exists in AWS (${options.name})`, {
      name: spec.name,
    });
  const info = types.InstanceTypes?.[0];
  const arch = info ? archOf(info) : null;
  if (!arch)
    throw new CrossdockError('INVALID_ARGUMENT', `AWS (${options.name}) has no usable instance type ${instanceType}`, {
      size: spec.size,
    });
  const imageId = await resolveImageId(clients.ec2, clients.ssm, spec.os, arch, signal);

  const sshUser = options.sshUserByOs?.[spec.os] ?? DEFAULT_SSH_USERS[spec.os];
  // The images Crossdock launches run cloud-init, so it chooses the host key and pins it before
  // the first connection (no waiting for the console). An image that ignored the user data would
  // present another key, and the connection is refused rather than trusted.
  const hostKey = chooseHostKey(spec.name);
  const tags: Tag[] = [
    { Key: TAGS.managed, Value: TAGS.managedValue },
    { Key: 'Name', Value: spec.name },
    { Key: TAGS.os, Value: spec.os },
    { Key: TAGS.sshUser, Value: sshUser },
    { Key: TAGS.hostKey, Value: hostKey.fingerprint },
  ];
  try {
    const [keyName, groupId] = await Promise.all([
      importKeyPair(clients.ec2, spec.name, spec.sshPublicKey, signal),
      createSecurityGroup(clients.ec2, spec.name, spec.openPorts, signal),
    ]);
    const out = await clients.ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: instanceType,
        MinCount: 1,
        MaxCount: 1,
        KeyName: keyName,
        SecurityGroupIds: [groupId],
        ...(zone ? { Placement: { AvailabilityZone: zone } } : {}),
        TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
        // Holds the private host key: it exists only in this request.
        UserData: Buffer.from(hostKey.userData).toString('base64'),
      }),
      send,
    );
    const instance = out.Instances?.[0];
    if (!instance?.InstanceId) throw new Error('RunInstances answered without an instance');
    return toProviderMachine({ ...instance, Tags: instance.Tags?.length ? instance.Tags : tags }, placement.region);
  } catch (error) {
    // Not under the caller's signal: a cancelled create must still clean up.
    await Promise.allSettled([
      deleteKeyPair(clients.ec2, resourceName(spec.name)),
      deleteSecurityGroup(clients.ec2, resourceName(spec.name), undefined, 10_000),
    ]);
    throw error;
  }
}
