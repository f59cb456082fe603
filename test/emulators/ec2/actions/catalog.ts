import { catalogImages, catalogInstanceTypes, zoneSuffixes } from '../catalog.js';
import { ServiceError, invalidParameter } from '../errors.js';
import { items } from '../xml.js';
import type { ActionHandler } from './context.js';
import { checkFilterNames, matchesFilters, pageOf, readFilters, type Filter } from './filters.js';

const noTags = new Map<string, string>();

function filtered<T>(
  filters: Filter[],
  known: readonly string[],
  all: readonly T[],
  fields: (t: T) => Record<string, string[]>,
): T[] {
  const bad = checkFilterNames(filters, known);
  if (bad) throw invalidParameter(`The filter '${bad}' is invalid`);
  return all.filter((t) => matchesFilters(filters, (name) => fields(t)[name], noTags));
}

const describeImages: ActionHandler = (params) => {
  const ids = params.strings('ImageId');
  const owners = params.strings('Owner');
  const missing = ids.find((id) => !catalogImages.some((i) => i.imageId === id));
  if (missing) throw new ServiceError('InvalidAMIID.NotFound', `The image id '[${missing}]' does not exist`);
  const images = filtered(
    readFilters(params),
    [
      'name',
      'architecture',
      'owner-id',
      'owner-alias',
      'image-id',
      'state',
      'description',
      'is-public',
      'root-device-type',
      'virtualization-type',
    ],
    catalogImages,
    (i) => ({
      name: [i.name],
      architecture: [i.architecture],
      'owner-id': [i.ownerId],
      'owner-alias': i.ownerAlias ? [i.ownerAlias] : [],
      'image-id': [i.imageId],
      state: ['available'],
      description: [i.description],
      'is-public': ['true'],
      'root-device-type': ['ebs'],
      'virtualization-type': ['hvm'],
    }),
  ).filter(
    (i) =>
      (ids.length === 0 || ids.includes(i.imageId)) &&
      (owners.length === 0 ||
        owners.includes(i.ownerId) ||
        (i.ownerAlias !== undefined && owners.includes(i.ownerAlias))),
  );
  return {
    imagesSet: items(
      images.map((i) => ({
        imageId: i.imageId,
        imageLocation: `${i.ownerAlias ?? i.ownerId}/${i.name}`,
        imageState: 'available',
        imageOwnerId: i.ownerId,
        creationDate: i.creationDate,
        isPublic: true,
        architecture: i.architecture,
        imageType: 'machine',
        imageOwnerAlias: i.ownerAlias,
        name: i.name,
        description: i.description,
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        blockDeviceMapping: items([
          {
            deviceName: '/dev/xvda',
            ebs: {
              snapshotId: `snap-${i.imageId.slice(4)}`,
              volumeSize: 8,
              deleteOnTermination: true,
              volumeType: 'gp3',
              encrypted: false,
            },
          },
        ]),
        virtualizationType: 'hvm',
        hypervisor: 'xen',
        enaSupport: true,
        sriovNetSupport: 'simple',
        bootMode: 'uefi-preferred',
        platformDetails: 'Linux/UNIX',
        usageOperation: 'RunInstances',
      })),
    ),
  };
};

const describeRegions: ActionHandler = (params, context) => {
  const names = params.strings('RegionName');
  const unknown = names.find((n) => !context.regions.includes(n));
  if (unknown) throw invalidParameter(`Invalid region name: ${unknown}`);
  const regions = filtered(readFilters(params), ['region-name', 'endpoint', 'opt-in-status'], context.regions, (r) => ({
    'region-name': [r],
    endpoint: [`ec2.${r}.amazonaws.com`],
    'opt-in-status': ['opt-in-not-required'],
  })).filter((r) => names.length === 0 || names.includes(r));
  return {
    regionInfo: items(
      regions.map((regionName) => ({
        regionName,
        regionEndpoint: `ec2.${regionName}.amazonaws.com`,
        optInStatus: 'opt-in-not-required',
      })),
    ),
  };
};

const describeAvailabilityZones: ActionHandler = (params, context) => {
  const all = zoneSuffixes.map((s, i) => ({
    zoneName: `${context.region}${s}`,
    zoneId: `${context.region.replace(/-/g, '').slice(0, 4)}-az${i + 1}`,
  }));
  const names = params.strings('ZoneName');
  const zones = filtered(
    readFilters(params),
    ['zone-name', 'zone-id', 'state', 'region-name', 'zone-type'],
    all,
    (z) => ({
      'zone-name': [z.zoneName],
      'zone-id': [z.zoneId],
      state: ['available'],
      'region-name': [context.region],
      'zone-type': ['availability-zone'],
    }),
  ).filter((z) => names.length === 0 || names.includes(z.zoneName));
  return {
    availabilityZoneInfo: items(
      zones.map((z) => ({
        zoneName: z.zoneName,
        zoneId: z.zoneId,
        zoneState: 'available',
        regionName: context.region,
        messageSet: [],
        optInStatus: 'opt-in-not-required',
        groupName: context.region,
        networkBorderGroup: context.region,
        zoneType: 'availability-zone',
      })),
    ),
  };
};

const describeInstanceTypes: ActionHandler = (params) => {
  const names = params.strings('InstanceType');
  const unknown = names.find((n) => !catalogInstanceTypes.some((t) => t.instanceType === n));
  if (unknown)
    throw new ServiceError('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown}]`);
  const types = filtered(
    readFilters(params),
    [
      'instance-type',
      'processor-info.supported-architecture',
      'vcpu-info.default-vcpus',
      'memory-info.size-in-mib',
      'current-generation',
    ],
    catalogInstanceTypes,
    (t) => ({
      'instance-type': [t.instanceType],
      'processor-info.supported-architecture': [...t.architectures],
      'vcpu-info.default-vcpus': [String(t.vcpus)],
      'memory-info.size-in-mib': [String(t.memoryMiB)],
      'current-generation': ['true'],
    }),
  ).filter((t) => names.length === 0 || names.includes(t.instanceType));
  const { page, next } = pageOf(types, params.int('MaxResults'), params.string('NextToken'));
  return {
    instanceTypeSet: items(
      page.map((t) => ({
        instanceType: t.instanceType,
        currentGeneration: true,
        freeTierEligible: t.instanceType === 't3.micro',
        supportedUsageClasses: items(['on-demand', 'spot']),
        supportedRootDeviceTypes: items(['ebs']),
        supportedVirtualizationTypes: items(['hvm']),
        bareMetal: false,
        hypervisor: 'nitro',
        processorInfo: { supportedArchitectures: items([...t.architectures]), sustainedClockSpeedInGhz: t.clockGhz },
        vCpuInfo: { defaultVCpus: t.vcpus, defaultCores: t.cores, defaultThreadsPerCore: t.vcpus / t.cores },
        memoryInfo: { sizeInMiB: t.memoryMiB },
        instanceStorageSupported: false,
        burstablePerformanceSupported: t.burstable,
      })),
    ),
    nextToken: next,
  };
};

/** Catalogue actions (images, regions, zones, instance types) by name. */
export const catalogActions: Record<string, ActionHandler> = {
  DescribeImages: describeImages,
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeInstanceTypes: describeInstanceTypes,
};
