// Google's Cloud Billing Catalog prices Compute Engine by resource, not by machine type: one SKU
// per family for a vCPU-hour ("E2 Instance Core running in Americas") and one for a GiB-hour of
// memory ("E2 Instance Ram running in Americas"), each listing the regions it applies to in
// `serviceRegions`. A machine type's hourly price is therefore derived here:
//
//   price(type, region) = vCPUs(type) × core SKU(family, region) + GiB(type) × ram SKU(family, region)
//
// where the family is the type name's first segment (`n2-standard-8` → N2), vCPUs and memory come
// from the Compute API (machineTypes.list), and the SKUs are matched on their description:
//   "<FAMILY> Instance Core running in …"  (also "<FAMILY> Predefined Instance Core", as N1 is
//   named, and "<FAMILY> Arm Instance Core" for T2A), "<FAMILY> … Instance Ram running in …".
// Custom, sole-tenancy, spot/preemptible and commitment SKUs are excluded by their description and
// by `usageType` OnDemand. E2's shared-core types (e2-micro/small/medium) are billed as a
// fraction of a vCPU (0.25, 0.5, 1), which Google documents per type (SHARED_CORE_VCPUS).
import type { PricedSize, RegionExtras } from '../../../shared/domain/prices.js';
import { HOURS_PER_MONTH } from './month.js';

/** The Compute Engine service in the Billing Catalog. */
export const COMPUTE_SERVICE = 'services/6F81-5844-456A';

/** The SKU fields read here (a subset of `google.cloud.billing.v1.Sku`). */
export interface SkuFacts {
  description?: string | null;
  category?: { resourceFamily?: string | null; resourceGroup?: string | null; usageType?: string | null } | null;
  serviceRegions?: string[] | null;
  pricingInfo?:
    | {
        pricingExpression?: {
          usageUnit?: string | null;
          tieredRates?:
            | {
                startUsageAmount?: number | null;
                unitPrice?: { units?: string | number | null; nanos?: number | null } | null;
              }[]
            | null;
        } | null;
      }[]
    | null;
}

/** The machine-type fields needed (a subset of `IMachineType`). */
export interface MachineTypeFacts {
  name?: string | null;
  guestCpus?: number | null;
  memoryMb?: number | null;
  architecture?: string | null;
}

/** vCPUs billed for E2 shared-core types (Google's "fractional vCPU" table). */
export const SHARED_CORE_VCPUS: Readonly<Record<string, number>> = {
  'e2-micro': 0.25,
  'e2-small': 0.5,
  'e2-medium': 1,
};

/** `{units: "1", nanos: 500000000}` → 1.5 (Money: units are int64, sent as a string in JSON). */
export function moneyToNumber(
  money: { units?: string | number | null; nanos?: number | null } | null | undefined,
): number {
  return Number(money?.units ?? 0) + (money?.nanos ?? 0) / 1e9;
}

/** The SKU's price of the first tier with a price above zero (the last tier's if all are free). */
export function skuUnitPrice(sku: SkuFacts): number | null {
  const rates = sku.pricingInfo?.[0]?.pricingExpression?.tieredRates ?? [];
  if (rates.length === 0) return null;
  const sorted = [...rates].sort((a, b) => (a.startUsageAmount ?? 0) - (b.startUsageAmount ?? 0));
  const paid = sorted.find((rate) => moneyToNumber(rate.unitPrice) > 0) ?? sorted.at(-1);
  return paid ? moneyToNumber(paid.unitPrice) : null;
}

const EXCLUDED = /custom|sole tenancy|preemptible|spot|commitment|extended|premium/i;

/** The family a vCPU or RAM SKU prices, and which of the two; null for other SKUs. */
export function classifyComputeSku(sku: SkuFacts): { family: string; resource: 'core' | 'ram' } | null {
  const category = sku.category;
  if (category?.resourceFamily !== 'Compute' || category.usageType !== 'OnDemand') return null;
  const description = sku.description ?? '';
  if (EXCLUDED.test(description)) return null;
  const match = /^([A-Z0-9]+)\s+(?:Predefined\s+|Arm\s+)?Instance\s+(Core|Ram)\s+running in/i.exec(description);
  if (!match?.[1] || !match[2]) return null;
  const resource = match[2].toLowerCase() === 'core' ? 'core' : 'ram';
  if ((resource === 'core') !== (category.resourceGroup === 'CPU')) return null;
  return { family: match[1].toLowerCase(), resource };
}

/** Per-family vCPU-hour and GiB-hour prices in one region. */
export type FamilyRates = Map<string, { core?: number; ram?: number }>;

export function familyRates(skus: SkuFacts[], region: string): FamilyRates {
  const rates: FamilyRates = new Map();
  for (const sku of skus) {
    if (!sku.serviceRegions?.includes(region)) continue;
    const kind = classifyComputeSku(sku);
    const price = skuUnitPrice(sku);
    if (!kind || price === null) continue;
    const entry = rates.get(kind.family) ?? {};
    entry[kind.resource] = price;
    rates.set(kind.family, entry);
  }
  return rates;
}

/** Google's `architecture` field where set; else the Arm families by name. */
export function gcpArch(type: MachineTypeFacts): 'amd64' | 'arm64' {
  if (type.architecture === 'ARM64') return 'arm64';
  if (type.architecture === 'X86_64') return 'amd64';
  return /^(t2a|c4a|n4a)-/.test(type.name ?? '') ? 'arm64' : 'amd64';
}

/** A machine type priced from its family's rates; null when the family has no core or RAM SKU here. */
export function priceMachineType(type: MachineTypeFacts, rates: FamilyRates, region: string): PricedSize | null {
  if (!type.name || !type.guestCpus) return null;
  const family = type.name.split('-')[0] ?? '';
  const rate = rates.get(family);
  if (rate?.core === undefined || rate.ram === undefined) return null;
  const memoryGiB = (type.memoryMb ?? 0) / 1024;
  const billedVcpus = SHARED_CORE_VCPUS[type.name] ?? type.guestCpus;
  const hourlyUsd = billedVcpus * rate.core + memoryGiB * rate.ram;
  return {
    provider: 'gcp',
    region,
    type: type.name,
    vcpus: type.guestCpus,
    memoryGiB: Math.round(memoryGiB * 100) / 100,
    arch: gcpArch(type),
    hourlyUsd,
    monthlyUsd: hourlyUsd * HOURS_PER_MONTH,
  };
}

/**
 * Balanced PD per GB-month ("Balanced PD Capacity in …"), an external IPv4 address on a standard
 * VM per hour ("External IP Charge on a Standard VM"), and premium-tier internet egress per GB
 * (the first paid tier of the region's cheapest "Network Internet Egress from …" SKU).
 */
export function gcpExtras(skus: SkuFacts[], region: string): RegionExtras {
  const inRegion = skus.filter((sku) => sku.serviceRegions?.includes(region) && sku.category?.usageType === 'OnDemand');
  const first = (test: (sku: SkuFacts) => boolean): number | null => {
    const sku = inRegion.find(test);
    return sku ? skuUnitPrice(sku) : null;
  };
  const egress = inRegion
    .filter((sku) => /^Network Internet Egress from/i.test(sku.description ?? ''))
    .map(skuUnitPrice)
    .filter((price): price is number => price !== null && price > 0);
  return {
    diskGbMonthUsd: first((sku) => /^Balanced PD Capacity/i.test(sku.description ?? '')),
    ipv4HourUsd: first((sku) => /^External IP Charge on a Standard VM/i.test(sku.description ?? '')),
    egressGbUsd: egress.length > 0 ? Math.min(...egress) : null,
  };
}
