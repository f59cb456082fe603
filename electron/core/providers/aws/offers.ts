// What an account offers in the provider's region: regions (with this region's zones) and the
// instance types as normalised sizes.
import { DescribeAvailabilityZonesCommand, DescribeInstanceTypesCommand, DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { RegionOffer, SizeOffer } from '../provider.js';
import { toSizeOffer } from './sizes.js';

/**
 * The account's enabled regions. Zones can only be listed from inside a region; a provider works
 * in one region, so only its own zones are filled in (the others have none listed).
 */
export async function listRegions(ec2: EC2Client, region: string, signal?: AbortSignal): Promise<RegionOffer[]> {
  const options = signal ? { abortSignal: signal } : {};
  const [regions, zones] = await Promise.all([
    ec2.send(new DescribeRegionsCommand({}), options),
    ec2.send(new DescribeAvailabilityZonesCommand({}), options),
  ]);
  const own = (zones.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName && z.State !== 'unavailable' ? [z.ZoneName] : []));
  return (regions.Regions ?? []).flatMap((r) => (r.RegionName ? [{ name: r.RegionName, zones: r.RegionName === region ? own : [] }] : []));
}

/** Every instance type of the region Crossdock can boot, smallest first, following NextToken. */
export async function listSizes(ec2: EC2Client, signal?: AbortSignal): Promise<SizeOffer[]> {
  const offers: SizeOffer[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeInstanceTypesCommand({ MaxResults: 100, ...(NextToken ? { NextToken } : {}) }),
      signal ? { abortSignal: signal } : {},
    );
    offers.push(...(page.InstanceTypes ?? []).flatMap((t) => toSizeOffer(t) ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return offers.sort((a, b) => a.vcpus - b.vcpus || a.memoryGiB - b.memoryGiB || a.type.localeCompare(b.type));
}
