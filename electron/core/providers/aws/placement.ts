// Where an EC2 machine lives. A provider has a default region but may create machines in any
// region of the account, so a machine's id carries its region (`eu-west-1/i-0abc…`): every EC2
// call is regional, and an instance id alone does not say where to ask.

/** The region a machine goes to and, when the spec named one, its availability zone. */
export interface Placement {
  region: string;
  zone?: string;
}

// us-east-1, eu-central-2, us-gov-west-1, ap-southeast-4 …
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** A zone of the region: `eu-west-1b`, or a Local Zone such as `us-west-2-lax-1a`. */
function isZoneOf(zone: string, region: string): boolean {
  return zone.startsWith(region) && /^(?:[a-z]|-[a-z0-9-]*[a-z])$/.test(zone.slice(region.length));
}

/**
 * Reads a spec's `region` (null, a region or a zone) against the regions the account has;
 * null when it names none of them. Null means the provider's default region.
 */
export function placementFor(
  asked: string | null,
  defaultRegion: string,
  regions: readonly string[],
): Placement | null {
  if (asked === null || asked === defaultRegion) return { region: defaultRegion };
  if (regions.includes(asked)) return { region: asked };
  // The longest match, so a Local Zone of us-west-2 is not taken for a zone of some "us-west".
  const region = regions.filter((r) => isZoneOf(asked, r)).sort((a, b) => b.length - a.length)[0];
  return region ? { region, zone: asked } : null;
}

/** A machine id: the region, a slash, the instance id. */
export function machineId(region: string, instanceId: string): string {
  return `${region}/${instanceId}`;
}

/**
 * Splits a machine id. A bare instance id means the default region (ids before machines could
 * live elsewhere); null when the region part cannot be a region, so nothing is sent for it.
 */
export function parseMachineId(id: string, defaultRegion: string): { region: string; instanceId: string } | null {
  const slash = id.indexOf('/');
  if (slash < 0) return { region: defaultRegion, instanceId: id };
  const region = id.slice(0, slash);
  return REGION.test(region) ? { region, instanceId: id.slice(slash + 1) } : null;
}
