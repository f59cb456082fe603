import { images, machineTypes, zones } from './catalog.js';
import { notFound } from './errors.js';
import { numericId } from './ids.js';

/**
 * GET routes of the read-only catalog: zones, machine types (per zone) and public image
 * families (under the image's own project, e.g. `projects/debian-cloud`). Returns undefined
 * when the path is not a catalog path.
 */
export function readCatalog(method: string, path: string, projectUrl: string, endpoint: string): unknown {
  if (method !== 'GET') return undefined;
  const family = /^\/compute\/v1\/projects\/([^/]+)\/global\/images\/family\/([^/]+)$/.exec(path);
  if (family) {
    const [, imageProject, familyName] = family;
    const image = images.find((i) => i.project === imageProject && i.family === familyName);
    if (!image) throw notFound(`projects/${imageProject}/global/images/family/${familyName}`);
    return {
      kind: 'compute#image',
      id: numericId(),
      creationTimestamp: '2025-06-10T00:00:00.000-07:00',
      name: image.name,
      description: image.description,
      family: image.family,
      sourceType: 'RAW',
      status: 'READY',
      archiveSizeBytes: '1325000000',
      diskSizeGb: String(image.diskSizeGb),
      architecture: image.architecture,
      licenses: [],
      guestOsFeatures: [{ type: 'VIRTIO_SCSI_MULTIQUEUE' }, { type: 'UEFI_COMPATIBLE' }, { type: 'GVNIC' }],
      selfLink: `${endpoint}/compute/v1/projects/${imageProject}/global/images/${image.name}`,
    };
  }
  const zonePaths = new RegExp(
    `^${escape(new URL(projectUrl).pathname)}/zones(?:/([^/]+))?(/machineTypes)?(?:/([^/]+))?$`,
  ).exec(path);
  if (!zonePaths) return undefined;
  const [, zoneName, machineTypesPart, typeName] = zonePaths;
  if (zoneName === undefined) {
    return {
      kind: 'compute#zoneList',
      id: 'projects/zones',
      items: zones.map((z) => zoneResource(projectUrl, z.name, z.region)),
      selfLink: `${projectUrl}/zones`,
    };
  }
  const zone = zones.find((z) => z.name === zoneName);
  if (!zone) throw notFound(`${projectPath(projectUrl)}/zones/${zoneName}`);
  if (!machineTypesPart) return typeName === undefined ? zoneResource(projectUrl, zone.name, zone.region) : undefined;
  const resources = machineTypes.map((type) => ({
    kind: 'compute#machineType',
    id: numericId(),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: type.name,
    description: type.description,
    guestCpus: type.guestCpus,
    memoryMb: type.memoryMb,
    maximumPersistentDisks: 128,
    maximumPersistentDisksSizeGb: '263168',
    zone: zone.name,
    isSharedCpu: type.isSharedCpu ?? false,
    ...(type.name.startsWith('t2a') ? { architecture: 'ARM64' } : {}),
    selfLink: `${projectUrl}/zones/${zone.name}/machineTypes/${type.name}`,
  }));
  if (typeName === undefined)
    return {
      kind: 'compute#machineTypeList',
      id: `${projectPath(projectUrl)}/zones/${zone.name}/machineTypes`,
      items: resources,
      selfLink: `${projectUrl}/zones/${zone.name}/machineTypes`,
    };
  const one = resources.find((r) => r.name === typeName);
  if (!one) throw notFound(`${projectPath(projectUrl)}/zones/${zone.name}/machineTypes/${typeName}`);
  return one;
}

function zoneResource(projectUrl: string, name: string, region: string): Record<string, unknown> {
  return {
    kind: 'compute#zone',
    id: numericId(),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name,
    description: name,
    status: 'UP',
    region: `${projectUrl}/regions/${region}`,
    availableCpuPlatforms: ['Intel Broadwell', 'AMD Milan'],
    supportsPzs: false,
    selfLink: `${projectUrl}/zones/${name}`,
  };
}

function projectPath(projectUrl: string): string {
  return projectUrl.replace(/^.*\/compute\/v1\//, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
