import { stateCodes, type Ec2State, type Instance, type InstanceStateName } from '../state.js';
import { items, type XmlValue } from '../xml.js';
import { tagSet, type ActionContext } from './context.js';

/** `<instanceState>` and friends: code and name. */
export function stateXml(name: InstanceStateName): XmlValue {
  return { code: stateCodes[name], name };
}

function groupSet(state: Ec2State, groupIds: string[]): XmlValue {
  return items(groupIds.map((groupId) => ({ groupId, groupName: state.groups.get(groupId)?.groupName ?? '' })));
}

/** One instance as RunInstances and DescribeInstances describe it. */
export function instanceXml(instance: Instance, context: ActionContext): XmlValue {
  // A stopped or terminated EC2 instance loses its public address; the private one stays
  // until termination.
  const hasPublic = instance.state === 'running' || instance.state === 'pending';
  const hasPrivate = instance.state !== 'terminated';
  const dnsName = `ip-${instance.address.replaceAll('.', '-')}.${context.region}.compute.internal`;
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: stateXml(instance.state),
    privateDnsName: hasPrivate ? dnsName : '',
    dnsName: '',
    reason: instance.stateReason ?? '',
    keyName: instance.keyName,
    amiLaunchIndex: instance.amiLaunchIndex,
    productCodes: [],
    instanceType: instance.instanceType,
    launchTime: instance.launchTime.toISOString(),
    placement: { availabilityZone: instance.zone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: hasPrivate ? context.subnetId : undefined,
    vpcId: hasPrivate ? context.vpcId : undefined,
    privateIpAddress: hasPrivate ? instance.address : undefined,
    ipAddress: hasPublic ? instance.address : undefined,
    sourceDestCheck: true,
    groupSet: groupSet(context.state, instance.groupIds),
    stateReason: instance.stateReason ? { code: 'Server.InternalError', message: instance.stateReason } : undefined,
    architecture: instance.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: [],
    virtualizationType: 'hvm',
    tagSet: items(tagSet(context.state.tagsOf(instance.instanceId))),
    hypervisor: 'xen',
    ebsOptimized: false,
    enaSupport: true,
    bootMode: 'uefi-preferred',
    platformDetails: 'Linux/UNIX',
  };
}

/** Reservations in EC2's shape: instances grouped by the RunInstances call that made them. */
export function reservationsXml(instances: Instance[], context: ActionContext): XmlValue[] {
  const byReservation = new Map<string, Instance[]>();
  for (const i of instances) byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
  return [...byReservation].map(([reservationId, members]) => ({
    reservationId,
    ownerId: context.accountId,
    groupSet: [],
    instancesSet: items(members.map((m) => instanceXml(m, context))),
  }));
}

/** `<item>` of Start/Stop/TerminateInstances: the state change of one instance. */
export function stateChangeXml(instance: Instance, previous: InstanceStateName): XmlValue {
  return { instanceId: instance.instanceId, currentState: stateXml(instance.state), previousState: stateXml(previous) };
}
