import { SIZE_RULES, type Arch, type NormalizedSize, type SizeOffer } from '../provider.js';

/** The fields of a Hetzner `server_type` the offers read. */
export interface HetznerServerType {
  id: number;
  name: string;
  cores: number;
  /** GB, as Hetzner reports it. */
  memory: number;
  architecture: 'x86' | 'arm';
  cpu_type: 'shared' | 'dedicated';
  deprecated?: boolean | null;
  prices: { location: string; price_hourly: { net: string; gross: string } }[];
}

const SIZES: readonly NormalizedSize[] = ['small', 'medium', 'large'];

/** The published hourly net price in EUR in `location` (the first listed when null). */
export function hourlyPrice(type: HetznerServerType, location: string | null): number | null {
  const price = type.prices.find((p) => p.location === location) ?? (location ? undefined : type.prices[0]);
  const net = Number(price?.price_hourly.net);
  return Number.isFinite(net) && price ? net : null;
}

function fits(type: HetznerServerType, size: NormalizedSize): boolean {
  const rule = SIZE_RULES[size];
  return (
    type.cores >= rule.vcpus[0] &&
    type.cores <= rule.vcpus[1] &&
    type.memory >= rule.memoryGiB[0] &&
    type.memory <= rule.memoryGiB[1]
  );
}

/**
 * Crossdock's pick per normalised size: the cheapest current x86 type in the location that fits
 * SIZE_RULES (today cx22 / cx32 / ccx33), chosen from the live catalogue so a renamed or retired
 * line does not break creation.
 */
export function sizePicks(types: HetznerServerType[], location: string | null): Map<NormalizedSize, string> {
  const picks = new Map<NormalizedSize, string>();
  for (const size of SIZES) {
    const candidates = types
      .filter((t) => !t.deprecated && t.architecture === 'x86' && fits(t, size))
      .map((t) => ({ name: t.name, price: hourlyPrice(t, location) }))
      .filter((c): c is { name: string; price: number } => c.price !== null)
      .sort((a, b) => a.price - b.price);
    if (candidates[0]) picks.set(size, candidates[0].name);
  }
  return picks;
}

/**
 * Server types offered in `location` (all locations when null), in normalised terms.
 * Hetzner publishes hourly prices in EUR only and Crossdock keeps no exchange rate, so
 * `hourlyPriceUsd` stays null rather than showing euros as dollars; the EUR price is used to
 * pick the cheapest type per size.
 */
export function toSizeOffers(types: HetznerServerType[], location: string | null): SizeOffer[] {
  const picks = sizePicks(types, location);
  return types
    .filter((t) => !t.deprecated && (location === null || t.prices.some((p) => p.location === location)))
    .map((t): SizeOffer => {
      const normalized = SIZES.find((size) => picks.get(size) === t.name) ?? null;
      const arch: Arch = t.architecture === 'arm' ? 'arm64' : 'amd64';
      return { type: t.name, vcpus: t.cores, memoryGiB: t.memory, arch, hourlyPriceUsd: null, normalized };
    });
}
