// What an account offers: its regions (with the default region's zones) and a region's
// instance types as normalised sizes.
import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { RegionOffer, SizeOffer } from '../provider.js';
import { toSizeOffer } from './sizes.js';

/** The names of the account's enabled regions (DescribeRegions lists only those by default). */
export async function enabledRegions(ec2: EC2Client, signal?: AbortSignal): Promise<string[]> {
  const out = await ec2.send(new DescribeRegionsCommand({}), signal ? { abortSignal: signal } : {});
  return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
}

/**
 * The account's enabled regions. Zones can only be listed from inside a region: only the default
 * region's are filled in (a machine may name any region, or a zone of it, all the same).
 */
export async function listRegions(ec2: EC2Client, region: string, signal?: AbortSignal): Promise<RegionOffer[]> {
  const options = signal ? { abortSignal: signal } : {};
  const [regions, zones] = await Promise.all([
    ec2.send(new DescribeRegionsCommand({}), options),
    ec2.send(new DescribeAvailabilityZonesCommand({}), options),
  ]);
  const own = (zones.AvailabilityZones ?? []).flatMap((z) =>
    z.ZoneName && z.State !== 'unavailable' ? [z.ZoneName] : [],
  );
  return (regions.Regions ?? []).flatMap((r) =>
    r.RegionName ? [{ name: r.RegionName, zones: r.RegionName === region ? own : [] }] : [],
  );
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
