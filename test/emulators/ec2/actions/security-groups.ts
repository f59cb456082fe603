import { ServiceError, invalidParameter, requireParam } from '../errors.js';
import type { QueryParams } from '../query-protocol.js';
import { newId, type IngressRule, type SecurityGroup } from '../state.js';
import { items, type XmlValue } from '../xml.js';
import { tagSet, type ActionContext, type ActionHandler } from './context.js';
import { checkFilterNames, matchesFilters, readFilters } from './filters.js';

function findGroup(params: QueryParams, context: ActionContext): SecurityGroup {
  const id = params.string('GroupId');
  const name = params.string('GroupName');
  const group = [...context.state.groups.values()].find((g) => (id ? g.groupId === id : g.groupName === name));
  if (!id && !name)
    throw new ServiceError('MissingParameter', 'The request must contain the parameter groupName or groupId');
  if (!group)
    throw new ServiceError('InvalidGroup.NotFound', `The security group '${id ?? name ?? ''}' does not exist`);
  return group;
}

const createSecurityGroup: ActionHandler = (params, context) => {
  const groupName = requireParam(params.string('GroupName'), 'GroupName');
  const description = requireParam(params.string('GroupDescription'), 'GroupDescription');
  const vpcId = params.string('VpcId') ?? context.vpcId;
  if (vpcId !== context.vpcId) throw new ServiceError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  if (groupName.toLowerCase().startsWith('sg-')) throw invalidParameter('Group names may not be in the format sg-*.');
  if ([...context.state.groups.values()].some((g) => g.groupName === groupName)) {
    throw new ServiceError(
      'InvalidGroup.Duplicate',
      `The security group '${groupName}' already exists for VPC '${context.vpcId}'`,
    );
  }
  const group: SecurityGroup = { groupId: newId('sg'), groupName, description, ingress: [] };
  context.state.groups.set(group.groupId, group);
  const tags = context.state.tagsOf(group.groupId);
  for (const spec of params.structs('TagSpecification')) {
    for (const tag of spec.structs('Tag')) tags.set(tag.string('Key') ?? '', tag.string('Value') ?? '');
  }
  return {
    groupId: group.groupId,
    tagSet: items(tagSet(tags)),
    securityGroupArn: `arn:aws:ec2:${context.region}:${context.accountId}:security-group/${group.groupId}`,
  };
};

/** Rules from `IpPermissions.N…` or the older flat `IpProtocol`/`CidrIp`/`FromPort`/`ToPort`. */
function readRules(params: QueryParams): Omit<IngressRule, 'ruleId'>[] {
  const permissions = params.structs('IpPermissions');
  const source = permissions.length > 0 ? permissions : params.string('IpProtocol') ? [params] : [];
  if (source.length === 0)
    throw new ServiceError('MissingParameter', 'The request must contain the parameter ipPermissions');
  return source.map((p) => {
    const protocol = (p.string('IpProtocol') ?? '').toLowerCase();
    if (!['tcp', 'udp', 'icmp', '-1', '6', '17', '1'].includes(protocol))
      throw invalidParameter(`Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
    const cidrs = [
      ...p.structs('IpRanges').map((r) => r.string('CidrIp') ?? ''),
      ...(p.string('CidrIp') ? [p.string('CidrIp') ?? ''] : []),
    ];
    const bad = cidrs.find((c) => !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(c));
    if (bad !== undefined) throw invalidParameter(`CIDR block ${bad} is malformed`);
    const fromPort = p.int('FromPort');
    const toPort = p.int('ToPort');
    return {
      protocol,
      cidrs,
      ...(fromPort === undefined ? {} : { fromPort }),
      ...(toPort === undefined ? {} : { toPort }),
    };
  });
}

const authorizeIngress: ActionHandler = (params, context) => {
  const group = findGroup(params, context);
  const added = readRules(params).map((rule) => ({ ...rule, ruleId: newId('sgr') }));
  for (const rule of added) {
    const duplicate = group.ingress.find(
      (r) =>
        r.protocol === rule.protocol &&
        r.fromPort === rule.fromPort &&
        r.toPort === rule.toPort &&
        r.cidrs.some((c) => rule.cidrs.includes(c)),
    );
    if (duplicate) {
      throw new ServiceError(
        'InvalidPermission.Duplicate',
        `the specified rule "peer: ${rule.cidrs.join(', ')}, ${rule.protocol.toUpperCase()}, from port: ${rule.fromPort ?? -1}, to port: ${rule.toPort ?? -1}, ALLOW" already exists`,
      );
    }
  }
  group.ingress.push(...added);
  const ruleSet: XmlValue[] = added.flatMap((rule) =>
    rule.cidrs.map((cidr) => ({
      securityGroupRuleId: rule.ruleId,
      groupId: group.groupId,
      groupOwnerId: context.accountId,
      isEgress: false,
      ipProtocol: rule.protocol,
      fromPort: rule.fromPort ?? -1,
      toPort: rule.toPort ?? -1,
      cidrIpv4: cidr,
    })),
  );
  return { return: true, securityGroupRuleSet: items(ruleSet) };
};

function groupXml(group: SecurityGroup, context: ActionContext): XmlValue {
  return {
    ownerId: context.accountId,
    groupId: group.groupId,
    groupName: group.groupName,
    groupDescription: group.description,
    vpcId: context.vpcId,
    securityGroupArn: `arn:aws:ec2:${context.region}:${context.accountId}:security-group/${group.groupId}`,
    ipPermissions: items(
      group.ingress.map((r) => ({
        ipProtocol: r.protocol,
        fromPort: r.fromPort,
        toPort: r.toPort,
        groups: [],
        ipRanges: items(r.cidrs.map((cidrIp) => ({ cidrIp }))),
        ipv6Ranges: [],
        prefixListIds: [],
      })),
    ),
    // Every VPC group allows all outbound traffic unless told otherwise.
    ipPermissionsEgress: items([
      { ipProtocol: '-1', groups: [], ipRanges: items([{ cidrIp: '0.0.0.0/0' }]), ipv6Ranges: [], prefixListIds: [] },
    ]),
    tagSet: items(tagSet(context.state.tagsOf(group.groupId))),
  };
}

const describeSecurityGroups: ActionHandler = (params, context) => {
  const ids = params.strings('GroupId');
  const names = params.strings('GroupName');
  const all = [...context.state.groups.values()];
  const missing = [
    ...ids.filter((id) => !all.some((g) => g.groupId === id)),
    ...names.filter((n) => !all.some((g) => g.groupName === n)),
  ];
  if (missing.length > 0)
    throw new ServiceError('InvalidGroup.NotFound', `The security group '${missing.join(', ')}' does not exist`);
  const filters = readFilters(params);
  const bad = checkFilterNames(filters, ['group-id', 'group-name', 'description', 'vpc-id', 'owner-id']);
  if (bad) throw invalidParameter(`The filter '${bad}' is invalid`);
  const groups = all
    .filter((g) => (ids.length === 0 || ids.includes(g.groupId)) && (names.length === 0 || names.includes(g.groupName)))
    .filter((g) =>
      matchesFilters(
        filters,
        (name) =>
          ({
            'group-id': [g.groupId],
            'group-name': [g.groupName],
            description: [g.description],
            'vpc-id': [context.vpcId],
            'owner-id': [context.accountId],
          })[name],
        context.state.tagsOf(g.groupId),
      ),
    );
  return { securityGroupInfo: items(groups.map((g) => groupXml(g, context))) };
};

const deleteSecurityGroup: ActionHandler = (params, context) => {
  const group = findGroup(params, context);
  if (group.groupName === 'default') {
    throw new ServiceError(
      'CannotDelete',
      `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`,
    );
  }
  // Like EC2, a group is in use until every instance using it is terminated.
  const user = [...context.state.instances.values()].find(
    (i) => i.state !== 'terminated' && i.groupIds.includes(group.groupId),
  );
  if (user) throw new ServiceError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
  context.state.groups.delete(group.groupId);
  context.state.tags.delete(group.groupId);
  return { return: true, groupId: group.groupId };
};

/** Security group actions by name. */
export const securityGroupActions: Record<string, ActionHandler> = {
  CreateSecurityGroup: createSecurityGroup,
  AuthorizeSecurityGroupIngress: authorizeIngress,
  DescribeSecurityGroups: describeSecurityGroups,
  DeleteSecurityGroup: deleteSecurityGroup,
};
