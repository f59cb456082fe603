import { SIZE_RULES, type NormalizedSize, type OsFamily, type SizeOffer } from '../provider.js';

/** The fields of a DigitalOcean `size` the offers read (`GET /v2/sizes`). */
export interface DigitalOceanSize {
  slug: string;
  /** MiB. */
  memory: number;
  vcpus: number;
  disk: number;
  /** USD, as published. */
  price_monthly: number;
  price_hourly: number;
  regions: string[];
  available: boolean;
  description?: string;
}

const SIZES: readonly NormalizedSize[] = ['small', 'medium', 'large'];

/** Public image slugs per OS family (DigitalOcean names images by slug; all are x86-64). */
export const IMAGE_SLUGS: Record<OsFamily, string> = {
  'debian-12': 'debian-12-x64',
  'ubuntu-24.04': 'ubuntu-24-04-x64',
  'rocky-9': 'rockylinux-9-x64',
};

/** The OS family of an image slug, or null for an image Crossdock did not pick. */
export function osOfImage(slug: string | null | undefined): OsFamily | null {
  const found = Object.entries(IMAGE_SLUGS).find(([, s]) => s === slug);
  return found ? (found[0] as OsFamily) : null;
}

function offeredIn(size: DigitalOceanSize, region: string | null): boolean {
  return size.available && (region === null || size.regions.includes(region));
}

function fits(size: DigitalOceanSize, normalized: NormalizedSize): boolean {
  const rule = SIZE_RULES[normalized];
  const memoryGiB = size.memory / 1024;
  return (
    size.vcpus >= rule.vcpus[0] &&
    size.vcpus <= rule.vcpus[1] &&
    memoryGiB >= rule.memoryGiB[0] &&
    memoryGiB <= rule.memoryGiB[1]
  );
}

/**
 * Crossdock's pick per normalised size: the cheapest size offered in the region that fits
 * SIZE_RULES (today s-2vcpu-2gb / s-4vcpu-8gb / g-8vcpu-32gb), chosen from the live list so a
 * renamed or retired plan does not break creation.
 */
export function sizePicks(sizes: DigitalOceanSize[], region: string | null): Map<NormalizedSize, string> {
  const picks = new Map<NormalizedSize, string>();
  for (const normalized of SIZES) {
    const cheapest = sizes
      .filter((s) => offeredIn(s, region) && fits(s, normalized))
      .sort((a, b) => a.price_hourly - b.price_hourly)[0];
    if (cheapest) picks.set(normalized, cheapest.slug);
  }
  return picks;
}

/** Sizes offered in `region` (all regions when null), in normalised terms, with DigitalOcean's own USD price. */
export function toSizeOffers(sizes: DigitalOceanSize[], region: string | null): SizeOffer[] {
  const picks = sizePicks(sizes, region);
  return sizes
    .filter((s) => offeredIn(s, region))
    .map(
      (s): SizeOffer => ({
        type: s.slug,
        vcpus: s.vcpus,
        memoryGiB: s.memory / 1024,
        // Droplets are x86-64 only.
        arch: 'amd64',
        hourlyPriceUsd: Number.isFinite(s.price_hourly) ? s.price_hourly : null,
        normalized: SIZES.find((n) => picks.get(n) === s.slug) ?? null,
      }),
    );
}
