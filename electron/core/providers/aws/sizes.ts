// EC2 instance types in normalised terms. The picks are the cheapest current x86 types that
// satisfy SIZE_RULES. Prices are not known here: they come from the price catalogue
// (electron/core/pricing, AWS's Price List API), which the providers service fills in.
import type { _InstanceType, InstanceTypeInfo } from '@aws-sdk/client-ec2';
import type { Arch, NormalizedSize, SizeOffer } from '../provider.js';

/** The instance type Crossdock uses for each normalised size. */
export const EC2_SIZE_PICKS: Record<NormalizedSize, string> = {
  small: 't3.small', // 2 vCPU, 2 GiB
  medium: 't3.large', // 2 vCPU, 8 GiB
  large: 'm6i.2xlarge', // 8 vCPU, 32 GiB
};

/**
 * The provider type for a spec's size: the pick for a normalised size, else the size as given.
 * The SDK's union of type names lags behind EC2's launches, so a user's exact type is passed as
 * is and EC2 itself says whether it exists.
 */
export function instanceTypeFor(size: string): _InstanceType {
  return (size in EC2_SIZE_PICKS ? EC2_SIZE_PICKS[size as NormalizedSize] : size) as _InstanceType;
}

/** Crossdock's architecture for EC2's names; null for ones it does not run on (i386, mac). */
export function archOf(info: InstanceTypeInfo): Arch | null {
  const supported = info.ProcessorInfo?.SupportedArchitectures ?? [];
  if (supported.includes('x86_64')) return 'amd64';
  if (supported.includes('arm64')) return 'arm64';
  return null;
}

/** One DescribeInstanceTypes entry as a SizeOffer, or null when it cannot run Crossdock's images. */
export function toSizeOffer(info: InstanceTypeInfo): SizeOffer | null {
  const type = info.InstanceType;
  const arch = archOf(info);
  const vcpus = info.VCpuInfo?.DefaultVCpus;
  const memoryMiB = info.MemoryInfo?.SizeInMiB;
  if (!type || !arch || vcpus === undefined || memoryMiB === undefined) return null;
  const normalized =
    (Object.keys(EC2_SIZE_PICKS) as NormalizedSize[]).find((size) => EC2_SIZE_PICKS[size] === type) ?? null;
  return {
    type,
    vcpus,
    memoryGiB: memoryMiB / 1024,
    arch,
    hourlyPriceUsd: null,
    normalized,
  };
}
