import { catalogImages, catalogInstanceTypes, zoneSuffixes } from '../catalog.js';
import { ServiceError, invalidParameter, requireParam } from '../errors.js';
import type { QueryParams } from '../query-protocol.js';
import { stateCodes, type Instance, type InstanceStateName } from '../state.js';
import { items } from '../xml.js';
import type { ActionContext, ActionHandler, ActionResult } from './context.js';
import { checkFilterNames, matchesFilters, pageOf, readFilters } from './filters.js';
import { instanceXml, reservationsXml, stateChangeXml } from './instance-xml.js';

const instanceFilters = [
  'instance-id',
  'instance-state-name',
  'instance-state-code',
  'instance-type',
  'image-id',
  'key-name',
  'availability-zone',
  'private-ip-address',
  'ip-address',
  'reservation-id',
  'architecture',
  'vpc-id',
  'subnet-id',
] as const;

function instanceField(instance: Instance, context: ActionContext, name: string): string[] | undefined {
  const fields: Record<(typeof instanceFilters)[number], () => string[]> = {
    'instance-id': () => [instance.instanceId],
    'instance-state-name': () => [instance.state],
    'instance-state-code': () => [String(stateCodes[instance.state])],
    'instance-type': () => [instance.instanceType],
    'image-id': () => [instance.imageId],
    'key-name': () => (instance.keyName ? [instance.keyName] : []),
    'availability-zone': () => [instance.zone],
    'private-ip-address': () => [instance.address],
    'ip-address': () => (instance.state === 'running' ? [instance.address] : []),
    'reservation-id': () => [instance.reservationId],
    architecture: () => [instance.architecture],
    'vpc-id': () => [context.vpcId],
    'subnet-id': () => [context.subnetId],
  };
  return (fields as Record<string, (() => string[]) | undefined>)[name]?.();
}

/** Looks instances up by id, refusing unknown ones all at once like EC2. */
function findInstances(ids: string[], context: ActionContext): Instance[] {
  const malformed = ids.find((id) => !/^i-[0-9a-f]{8,17}$/.test(id));
  if (malformed) throw new ServiceError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  const visible = new Map(context.fleet.visible().map((i) => [i.instanceId, i]));
  const missing = ids.filter((id) => !visible.has(id));
  if (missing.length === 1)
    throw new ServiceError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1)
    throw new ServiceError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return ids.map((id) => visible.get(id) as Instance);
}

function readLaunchTags(params: QueryParams): Map<string, string> {
  const tags = new Map<string, string>();
  for (const spec of params.structs('TagSpecification')) {
    // Volume and network-interface tags have nothing to land on here.
    if (spec.string('ResourceType') !== 'instance') continue;
    for (const tag of spec.structs('Tag'))
      tags.set(requireParam(tag.string('Key'), 'Tag.Key'), tag.string('Value') ?? '');
  }
  return tags;
}

const runInstances: ActionHandler = async (params, context) => {
  const imageId = requireParam(params.string('ImageId'), 'ImageId');
  const image = catalogImages.find((i) => i.imageId === imageId);
  if (!image) throw new ServiceError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  const instanceType = params.string('InstanceType') ?? 'm1.small';
  const type = catalogInstanceTypes.find((t) => t.instanceType === instanceType);
  if (!type) throw invalidParameter(`Invalid value '${instanceType}' for InstanceType.`);
  if (!type.architectures.includes(image.architecture)) {
    throw invalidParameter(
      `The architecture '${type.architectures.join(', ')}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.`,
    );
  }
  const minCount = requireParam(params.int('MinCount'), 'MinCount');
  const maxCount = requireParam(params.int('MaxCount'), 'MaxCount');
  if (!(minCount >= 1) || !(maxCount >= minCount))
    throw invalidParameter('MinCount must be at least 1 and MaxCount at least MinCount.');

  const keyName = params.string('KeyName');
  const keyPair = keyName === undefined ? undefined : context.state.keyPairs.get(keyName);
  if (keyName !== undefined && !keyPair)
    throw new ServiceError('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);

  const groupIds = params.strings('SecurityGroupId');
  for (const name of params.strings('SecurityGroup')) {
    const group = [...context.state.groups.values()].find((g) => g.groupName === name);
    if (!group)
      throw new ServiceError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${context.vpcId}'`,
      );
    groupIds.push(group.groupId);
  }
  const unknownGroup = groupIds.find((id) => !context.state.groups.has(id));
  if (unknownGroup)
    throw new ServiceError('InvalidGroup.NotFound', `The security group '${unknownGroup}' does not exist`);
  if (groupIds.length === 0)
    groupIds.push(...[...context.state.groups.values()].filter((g) => g.groupName === 'default').map((g) => g.groupId));

  const zone = params.struct('Placement')?.string('AvailabilityZone') ?? `${context.region}a`;
  if (!zoneSuffixes.some((s) => `${context.region}${s}` === zone))
    throw invalidParameter(`Invalid availability zone: [${zone}]`);

  const spec = {
    imageId,
    instanceType,
    architecture: image.architecture,
    // EC2's instance metadata serves the key followed by the key pair's name, and cloud-init
    // writes that line to authorized_keys.
    publicKey: keyPair ? `${keyPair.publicKey} ${keyPair.keyName}` : '',
    groupIds,
    zone,
    tags: readLaunchTags(params),
    ...(keyName === undefined ? {} : { keyName }),
    userData: userDataText(params.string('UserData')),
  };
  // EC2 launches MaxCount if it can, and fails only below MinCount.
  let launched: Instance[];
  try {
    launched = await context.fleet.launch({ ...spec, count: maxCount });
  } catch (error) {
    if (!(error instanceof ServiceError) || minCount === maxCount) throw error;
    launched = await context.fleet.launch({ ...spec, count: minCount });
  }
  return {
    reservationId: launched[0]?.reservationId,
    ownerId: context.accountId,
    groupSet: [],
    instancesSet: items(launched.map((i) => instanceXml(i, context))),
  };
};

const describeInstances: ActionHandler = (params, context) => {
  const ids = params.strings('InstanceId');
  const maxResults = params.int('MaxResults');
  if (maxResults !== undefined && ids.length > 0) {
    throw new ServiceError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  if (maxResults !== undefined && !(maxResults >= 5 && maxResults <= 1000)) {
    throw invalidParameter(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value greater than 5.`,
    );
  }
  const filters = readFilters(params);
  const badFilter = checkFilterNames(filters, instanceFilters);
  if (badFilter) throw invalidParameter(`The filter '${badFilter}' is invalid`);
  const candidates = ids.length > 0 ? findInstances(ids, context) : context.fleet.visible();
  const matching = candidates.filter((i) =>
    matchesFilters(filters, (name) => instanceField(i, context, name), context.state.tagsOf(i.instanceId)),
  );
  const { page, next } = pageOf(matching, maxResults, params.string('NextToken'));
  return { reservationSet: items(reservationsXml(page, context)), nextToken: next };
};

function changeStates(change: (context: ActionContext, instance: Instance) => InstanceStateName): ActionHandler {
  return (params, context) => {
    const instances = findInstances(
      requireParam(params.strings('InstanceId').length ? params.strings('InstanceId') : undefined, 'InstanceId'),
      context,
    );
    const changes = instances.map((instance) => stateChangeXml(instance, change(context, instance)));
    return { instancesSet: items(changes) } satisfies ActionResult;
  };
}

const getConsoleOutput: ActionHandler = (params, context) => {
  const [instance] = findInstances([requireParam(params.string('InstanceId'), 'InstanceId')], context);
  return {
    instanceId: instance?.instanceId,
    timestamp: new Date().toISOString(),
    // Absent until the machine has booted once, as on EC2 where the console fills in later.
    output: instance?.consoleOutput === undefined ? undefined : Buffer.from(instance.consoleOutput).toString('base64'),
  };
};

/** Instance actions by name. */
export const instanceActions: Record<string, ActionHandler> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  StartInstances: changeStates((c, i) => c.fleet.start(i)),
  StopInstances: changeStates((c, i) => c.fleet.stop(i)),
  TerminateInstances: changeStates((c, i) => c.fleet.terminate(i)),
  GetConsoleOutput: getConsoleOutput,
};

/** UserData arrives base64-encoded (at most 16 KB decoded on EC2). */
function userDataText(encoded: string | undefined): string | undefined {
  if (encoded === undefined) return undefined;
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  if (text.length > 16 * 1024) throw invalidParameter('User data is limited to 16384 bytes');
  return text;
}
