import type { Arch, NormalizedSize, OsFamily, SizeOffer } from '../provider.js';

/** Where Google publishes each OS: `images.getFromFamily({ project, family })`. */
export const IMAGE_FAMILIES: Record<OsFamily, { project: string; family: string }> = {
  'debian-12': { project: 'debian-cloud', family: 'debian-12' },
  'ubuntu-24.04': { project: 'ubuntu-os-cloud', family: 'ubuntu-2404-lts-amd64' },
  'rocky-9': { project: 'rocky-linux-cloud', family: 'rocky-linux-9' },
};

/** Crossdock's pick per normalised size (fits SIZE_RULES; e2 is Google's cheapest general line). */
export const GCP_SIZE_PICKS: Record<NormalizedSize, string> = {
  small: 'e2-small',
  medium: 'e2-standard-2',
  large: 'e2-standard-8',
};

/** The machine-type fields the offer needs (a subset of `IMachineType`). */
export interface MachineTypeFacts {
  name?: string | null;
  guestCpus?: number | null;
  memoryMb?: number | null;
  architecture?: string | null;
}

/** Arm families (Tau T2A, Axion C4A/N4A) are arm64; Google's `architecture` field wins when set. */
export function archOf(type: MachineTypeFacts): Arch {
  if (type.architecture === 'ARM64') return 'arm64';
  if (type.architecture === 'X86_64') return 'amd64';
  return /^(t2a|c4a|n4a)-/.test(type.name ?? '') ? 'arm64' : 'amd64';
}

/** A machine type in normalised terms; null for entries without a name or CPU count. */
export function toSizeOffer(type: MachineTypeFacts): SizeOffer | null {
  if (!type.name || !type.guestCpus) return null;
  const picked = (Object.keys(GCP_SIZE_PICKS) as NormalizedSize[]).find((size) => GCP_SIZE_PICKS[size] === type.name);
  return {
    type: type.name,
    vcpus: type.guestCpus,
    // Google reports MiB; round to a tenth so 2048 → 2, 3840 (n1-standard-1) → 3.8.
    memoryGiB: Math.round(((type.memoryMb ?? 0) / 1024) * 10) / 10,
    arch: archOf(type),
    // Prices come from the price catalogue (Billing Catalog SKUs), filled in by the providers service.
    hourlyPriceUsd: null,
    normalized: picked ?? null,
  };
}

/** The Google machine type for a spec's size: a normalised size maps to the pick, anything else is taken as a type name. */
export function machineTypeFor(size: string): string {
  return size in GCP_SIZE_PICKS ? GCP_SIZE_PICKS[size as NormalizedSize] : size;
}
