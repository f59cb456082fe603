// Which public AMI boots each OS Crossdock supports, and which user its cloud-init authorises
// the key pair for. The SSM public parameters always point at the distribution's latest image;
// DescribeImages by the publisher's owner id is the fallback (Rocky publishes no parameters, and
// some partitions lack them).
import { DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { CrossdockError } from '../../../../shared/errors.js';
import type { Arch, OsFamily } from '../provider.js';
import { awsErrorName } from './errors.js';

interface ImageSource {
  ssmParameter: ((arch: Arch) => string) | null;
  owner: string;
  namePattern: (arch: Arch) => string;
}

const IMAGE_SOURCES: Record<OsFamily, ImageSource> = {
  'debian-12': {
    ssmParameter: (arch) => `/aws/service/debian/release/12/latest/${arch}`,
    owner: '136693071363',
    namePattern: (arch) => `debian-12-${arch}-*`,
  },
  'ubuntu-24.04': {
    ssmParameter: (arch) => `/aws/service/canonical/ubuntu/server/24.04/stable/current/${arch}/hvm/ebs-gp3/ami-id`,
    owner: '099720109477',
    namePattern: (arch) => `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${arch}-server-*`,
  },
  'rocky-9': {
    ssmParameter: null,
    owner: '792107900819',
    namePattern: (arch) => `Rocky-9-EC2-Base-9.*.${arch === 'amd64' ? 'x86_64' : 'aarch64'}`,
  },
};

/**
 * The login user each distribution's official AMI gives the key pair to. A deployment whose
 * images differ (a custom AMI, a test double that authorises root) overrides it per OS with the
 * provider's `sshUserByOs` option; the user chosen is stored on the instance as a tag.
 */
export const DEFAULT_SSH_USERS: Readonly<Record<OsFamily, string>> = {
  'debian-12': 'admin',
  'ubuntu-24.04': 'ubuntu',
  'rocky-9': 'rocky',
};

/** The OS families Crossdock knows, for validating the `crossdock:os` tag. */
export function isOsFamily(value: string | undefined): value is OsFamily {
  return value !== undefined && value in IMAGE_SOURCES;
}

/** The id of the newest official image of an OS for an architecture. */
export async function resolveImageId(
  ec2: EC2Client,
  ssm: SSMClient,
  os: OsFamily,
  arch: Arch,
  signal?: AbortSignal,
): Promise<string> {
  const source = IMAGE_SOURCES[os];
  const options = signal ? { abortSignal: signal } : {};
  if (source.ssmParameter) {
    try {
      const out = await ssm.send(new GetParameterCommand({ Name: source.ssmParameter(arch) }), options);
      if (out.Parameter?.Value) return out.Parameter.Value;
    } catch (error) {
      if (awsErrorName(error) !== 'ParameterNotFound') throw error;
    }
  }
  const out = await ec2.send(
    new DescribeImagesCommand({
      Owners: [source.owner],
      Filters: [
        { Name: 'name', Values: [source.namePattern(arch)] },
        { Name: 'architecture', Values: [arch === 'amd64' ? 'x86_64' : 'arm64'] },
        { Name: 'state', Values: ['available'] },
      ],
    }),
    options,
  );
  // ISO dates sort as strings; the newest build wins.
  const newest = (out.Images ?? [])
    .filter((i) => i.ImageId)
    .sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  if (!newest?.ImageId)
    throw new CrossdockError('UNSUPPORTED_OS', `No ${os} image for ${arch} in this region`, { os, arch });
  return newest.ImageId;
}
