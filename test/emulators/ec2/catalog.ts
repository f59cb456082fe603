/**
 * The fixed catalogue the emulator serves: public images named and owned like the real ones,
 * instance types with their real sizes, and the SSM public parameters that point at the images.
 * Every image boots the same rig machine (Debian 12); the names only matter to the code under
 * test, which picks an image by owner and name like it would on AWS.
 */

/** A public AMI as DescribeImages reports it. */
export interface CatalogImage {
  imageId: string;
  name: string;
  description: string;
  ownerId: string;
  ownerAlias?: string;
  architecture: 'x86_64' | 'arm64';
  creationDate: string;
  /** SSM public parameters that resolve to this image. */
  ssmParameters: string[];
}

// Owner ids of the real publishers: Debian, Canonical, Rocky Enterprise Software Foundation.
const debianOwner = '136693071363';
const canonicalOwner = '099720109477';
const rockyOwner = '792107900819';

/** Public images, amd64 and arm64 of each distribution. */
export const catalogImages: readonly CatalogImage[] = [
  ...(['amd64', 'arm64'] as const).map(
    (arch, i): CatalogImage => ({
      imageId: `ami-0de12bookworm00${i}`,
      name: `debian-12-${arch}-20250610-2137`,
      description: `Debian 12 (20250610-2137)`,
      ownerId: debianOwner,
      ownerAlias: 'amazon',
      architecture: arch === 'amd64' ? 'x86_64' : 'arm64',
      creationDate: '2025-06-10T21:41:00.000Z',
      ssmParameters: [
        `/aws/service/debian/release/12/latest/${arch}`,
        `/aws/service/debian/release/bookworm/latest/${arch}`,
      ],
    }),
  ),
  ...(['amd64', 'arm64'] as const).map(
    (arch, i): CatalogImage => ({
      imageId: `ami-0ub2404noble000${i}`,
      name: `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${arch}-server-20250610`,
      description: `Canonical, Ubuntu, 24.04, ${arch} noble image`,
      ownerId: canonicalOwner,
      ownerAlias: 'amazon',
      architecture: arch === 'amd64' ? 'x86_64' : 'arm64',
      creationDate: '2025-06-10T08:12:00.000Z',
      ssmParameters: [
        `/aws/service/canonical/ubuntu/server/24.04/stable/current/${arch}/hvm/ebs-gp3/ami-id`,
        `/aws/service/canonical/ubuntu/server/noble/stable/current/${arch}/hvm/ebs-gp3/ami-id`,
      ],
    }),
  ),
  ...(['x86_64', 'aarch64'] as const).map(
    (arch, i): CatalogImage => ({
      imageId: `ami-0rocky9base0000${i}`,
      name: `Rocky-9-EC2-Base-9.5-20241118.0.${arch}`,
      description: 'Rocky Linux 9 EC2 Base',
      ownerId: rockyOwner,
      architecture: arch === 'x86_64' ? 'x86_64' : 'arm64',
      creationDate: '2024-11-18T20:20:00.000Z',
      // Rocky publishes no SSM public parameters; images are found by owner and name.
      ssmParameters: [],
    }),
  ),
];

/** An instance type as DescribeInstanceTypes reports it. */
export interface CatalogInstanceType {
  instanceType: string;
  vcpus: number;
  cores: number;
  memoryMiB: number;
  architectures: readonly ('x86_64' | 'arm64' | 'i386')[];
  clockGhz: number;
  burstable: boolean;
}

/** The sizes are the documented ones for each type. */
export const catalogInstanceTypes: readonly CatalogInstanceType[] = [
  {
    instanceType: 't3.micro',
    vcpus: 2,
    cores: 1,
    memoryMiB: 1024,
    architectures: ['x86_64'],
    clockGhz: 2.5,
    burstable: true,
  },
  {
    instanceType: 't3.small',
    vcpus: 2,
    cores: 1,
    memoryMiB: 2048,
    architectures: ['x86_64'],
    clockGhz: 2.5,
    burstable: true,
  },
  {
    instanceType: 't3.medium',
    vcpus: 2,
    cores: 1,
    memoryMiB: 4096,
    architectures: ['x86_64'],
    clockGhz: 2.5,
    burstable: true,
  },
  {
    instanceType: 't3.large',
    vcpus: 2,
    cores: 1,
    memoryMiB: 8192,
    architectures: ['x86_64'],
    clockGhz: 2.5,
    burstable: true,
  },
  {
    instanceType: 'm6i.large',
    vcpus: 2,
    cores: 1,
    memoryMiB: 8192,
    architectures: ['x86_64'],
    clockGhz: 3.5,
    burstable: false,
  },
  {
    instanceType: 'm6i.2xlarge',
    vcpus: 8,
    cores: 4,
    memoryMiB: 32768,
    architectures: ['x86_64'],
    clockGhz: 3.5,
    burstable: false,
  },
  {
    instanceType: 't4g.small',
    vcpus: 2,
    cores: 2,
    memoryMiB: 2048,
    architectures: ['arm64'],
    clockGhz: 2.5,
    burstable: true,
  },
  {
    instanceType: 't4g.medium',
    vcpus: 2,
    cores: 2,
    memoryMiB: 4096,
    architectures: ['arm64'],
    clockGhz: 2.5,
    burstable: true,
  },
];

/** Regions DescribeRegions lists (all opted in: the emulator has no opt-in regions). */
export const catalogRegions: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
];

/** Zone suffixes of every region (a, b, c), as most regions have. */
export const zoneSuffixes: readonly string[] = ['a', 'b', 'c'];
