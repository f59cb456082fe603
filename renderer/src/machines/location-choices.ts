import type { ProviderInfo, RegionInfo } from '../../../shared/index.js';

export interface LocationChoice {
  value: string;
  label: string;
}

/**
 * Where a machine can go on a provider, from `providers.regions`, the account's own place first
 * (the default). An AWS account makes and lists machines in any of its enabled regions (EC2
 * picks the zone, or the user names one; `providers.regions` gives the zones of the home region
 * only); a GCE project makes machines in a zone and lists them in every zone. The local sandbox
 * has no location: the list is empty and no field is shown.
 */
export function locationChoices(
  provider: Pick<ProviderInfo, 'kind' | 'region'>,
  regions: readonly RegionInfo[],
): LocationChoice[] {
  const home = provider.region;
  if (provider.kind === 'local' || !home) return [];
  if (provider.kind === 'gcp') {
    const zones = regions.flatMap((region) =>
      region.zones.map((zone) => ({ value: zone, label: `${zone} (${region.name})` })),
    );
    const own = zones.find((zone) => zone.value === home) ?? { value: home, label: home };
    return [own, ...zones.filter((zone) => zone.value !== home)];
  }
  if (provider.kind === 'hetzner' || provider.kind === 'digitalocean') {
    // Hetzner locations and DigitalOcean regions have no zones: one flat list, the account's default first.
    return [
      { value: home, label: home },
      ...regions.filter((r) => r.name !== home).map((r) => ({ value: r.name, label: r.name })),
    ];
  }
  const homeZones = regions.find((r) => r.name === home)?.zones ?? [];
  const others = regions.filter((r) => r.name !== home).map((r) => ({ value: r.name, label: `${r.name} (any zone)` }));
  return [
    { value: home, label: `${home} (any zone)` },
    ...homeZones.map((zone) => ({ value: zone, label: zone })),
    ...others,
  ];
}

/** The place to ask `providers.sizes` about: GCE types are per zone, EC2 types per region (a zone names its region). */
export function sizesRegion(kind: ProviderInfo['kind'], location: string | null): string | undefined {
  return kind !== 'local' && location ? location : undefined;
}

/**
 * The choice for a region asked for from elsewhere (a Compare row): the region itself where it is
 * a choice (EC2), else its first zone (GCE lists zones only, the account's own first); null when
 * the provider offers nothing in it.
 */
export function locationNear(locations: readonly LocationChoice[], region: string): string | null {
  return (
    locations.find((choice) => choice.value === region)?.value ??
    locations.find((choice) => choice.value.startsWith(`${region}-`))?.value ??
    null
  );
}
