import type { ProviderInfo, RegionInfo } from '../../../shared/index.js';

export interface LocationChoice {
  value: string;
  label: string;
}

/**
 * Where a machine can go on a provider, from `providers.regions`, the account's own place first
 * (the default). Only places whose machines the provider lists afterwards are offered: an AWS
 * account works in its region (EC2 picks a zone, or the user names one of that region's zones);
 * a GCE project lists its machines in every zone, and GCE machines are made in a zone. The local
 * sandbox has no location: the list is empty and no field is shown.
 */
export function locationChoices(provider: Pick<ProviderInfo, 'kind' | 'region'>, regions: readonly RegionInfo[]): LocationChoice[] {
  const home = provider.region;
  if (provider.kind === 'local' || !home) return [];
  if (provider.kind === 'gcp') {
    const zones = regions.flatMap((region) => region.zones.map((zone) => ({ value: zone, label: `${zone} (${region.name})` })));
    const own = zones.find((zone) => zone.value === home) ?? { value: home, label: home };
    return [own, ...zones.filter((zone) => zone.value !== home)];
  }
  const zones = regions.find((r) => r.name === home)?.zones ?? [];
  return [{ value: home, label: `${home} (any zone)` }, ...zones.map((zone) => ({ value: zone, label: zone }))];
}

/** The region to ask `providers.sizes` about: GCE types are per zone, EC2 types per account region. */
export function sizesRegion(kind: ProviderInfo['kind'], location: string | null): string | undefined {
  return kind === 'gcp' && location ? location : undefined;
}
