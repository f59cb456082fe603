// AWS's Price List Query API (`GetProducts`): each entry of `PriceList` is a JSON document as a
// string, `{ product: { productFamily, attributes }, terms: { OnDemand: { <offer>: {
// priceDimensions: { <rate>: { unit, beginRange, pricePerUnit: { USD } } } } } } }`.
// This file turns those documents into Crossdock's normalised prices; fetching is in aws-fetch.ts.
import type { PricedSize } from '../../../shared/domain/prices.js';
import { HOURS_PER_MONTH } from './month.js';

/** One price dimension of an on-demand term. */
export interface AwsPriceDimension {
  unit: string;
  usd: number;
  /** Start of the tier (GB for data transfer); 0 for flat prices. */
  beginRange: number;
}

/** The parts of one PriceList document Crossdock reads. */
export interface AwsProduct {
  productFamily: string;
  attributes: Record<string, string>;
  onDemand: AwsPriceDimension[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses one PriceList entry (a JSON string; the SDK may hand a lazy JSON wrapper, whose
 * toString is the document). Returns null for documents without a product (AWS never sends
 * those, but one bad entry should not lose the rest).
 */
export function parseAwsProduct(entry: unknown): AwsProduct | null {
  let document: unknown;
  try {
    document = JSON.parse(typeof entry === 'string' ? entry : String(entry));
  } catch {
    return null;
  }
  if (!isObject(document) || !isObject(document.product)) return null;
  const attributes: Record<string, string> = {};
  if (isObject(document.product.attributes))
    for (const [key, value] of Object.entries(document.product.attributes))
      if (typeof value === 'string') attributes[key] = value;
  const onDemand: AwsPriceDimension[] = [];
  const terms = isObject(document.terms) && isObject(document.terms.OnDemand) ? document.terms.OnDemand : {};
  for (const offer of Object.values(terms)) {
    if (!isObject(offer) || !isObject(offer.priceDimensions)) continue;
    for (const dimension of Object.values(offer.priceDimensions)) {
      if (!isObject(dimension) || !isObject(dimension.pricePerUnit)) continue;
      const usd = Number(dimension.pricePerUnit.USD);
      if (!Number.isFinite(usd)) continue;
      onDemand.push({
        unit: typeof dimension.unit === 'string' ? dimension.unit : '',
        usd,
        beginRange: Number(dimension.beginRange ?? 0) || 0,
      });
    }
  }
  return {
    productFamily: typeof document.product.productFamily === 'string' ? document.product.productFamily : '',
    attributes,
    onDemand,
  };
}

/** "16 GiB" / "0.5 GiB" / "1,952 GiB" → GiB; NaN when it is not a size in GiB. */
export function parseAwsMemory(memory: string | undefined): number {
  const match = /^([\d.,]+)\s*GiB$/i.exec((memory ?? '').trim());
  return match?.[1] ? Number(match[1].replace(/,/g, '')) : Number.NaN;
}

/**
 * Graviton types say so in `physicalProcessor` ("AWS Graviton2 Processor");
 * `processorArchitecture` is "64-bit" for both, so it cannot tell them apart. Null for Macs.
 */
export function awsArch(attributes: Record<string, string>): 'amd64' | 'arm64' | null {
  const processor = attributes.physicalProcessor ?? '';
  if (/graviton/i.test(processor)) return 'arm64';
  // Mac instances run macOS only: nothing Crossdock can bootstrap.
  if ((attributes.instanceType ?? '').startsWith('mac')) return null;
  return 'amd64';
}

/**
 * A compute product as a priced size: the hourly on-demand price of a Linux, shared-tenancy,
 * no-preinstalled-software, used-capacity instance (the filters aws-fetch.ts sends). Null for
 * anything else, or a product without an hourly price.
 */
export function toPricedSize(product: AwsProduct, region: string): PricedSize | null {
  const a = product.attributes;
  if (!a.instanceType || (product.productFamily && product.productFamily !== 'Compute Instance')) return null;
  const hourly = product.onDemand.find((d) => d.unit === 'Hrs');
  const vcpus = Number(a.vcpu);
  const memoryGiB = parseAwsMemory(a.memory);
  const arch = awsArch(a);
  if (!hourly || !arch || !Number.isFinite(vcpus) || vcpus <= 0 || !Number.isFinite(memoryGiB)) return null;
  return {
    provider: 'aws',
    region,
    type: a.instanceType,
    vcpus,
    memoryGiB,
    arch,
    hourlyUsd: hourly.usd,
    monthlyUsd: hourly.usd * HOURS_PER_MONTH,
  };
}

/** The price per unit of a flat product (gp3 per GB-Mo, public IPv4 per Hrs); null if absent. */
export function flatPrice(products: AwsProduct[], unit: string): number | null {
  for (const product of products) {
    const dimension = product.onDemand.find((d) => d.unit === unit);
    if (dimension) return dimension.usd;
  }
  return null;
}

/**
 * Egress per GB: the first paid tier of data transfer out to the internet. AWS gives the tiers
 * as dimensions with `beginRange` (the first 100 GB a month are free across all regions, then
 * $0.09 …); the lowest-starting tier with a price above zero is what a small workload pays.
 */
export function firstPaidTier(products: AwsProduct[]): number | null {
  const paid = products
    .flatMap((p) => p.onDemand)
    .filter((d) => d.unit === 'GB' && d.usd > 0)
    .sort((a, b) => a.beginRange - b.beginRange);
  return paid[0]?.usd ?? null;
}
