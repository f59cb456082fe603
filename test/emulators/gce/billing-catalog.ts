// The Cloud Billing Catalog API's Compute Engine SKUs (`GET /v1/services/6F81-5844-456A/skus`),
// shaped as `google.cloud.billing.v1.Sku` in JSON: category, serviceRegions, pricingInfo with a
// pricingExpression of tieredRates whose unitPrice is Money ({currencyCode, units as an int64
// string, nanos}). The figures are data the team wrote (plausible, not Google's); the decoys
// (spot, custom, commitment SKUs) are there so a parser that ignores category or description
// prices the wrong thing.
import { randomBytes } from 'node:crypto';
import { invalid, notFound } from './errors.js';

export const computeServiceId = '6F81-5844-456A';

/** Regions priced, with Google's geographic names used in SKU descriptions and a price factor. */
const regions = [
  { region: 'us-central1', geo: 'Americas', factor: 1 },
  { region: 'europe-west1', geo: 'Belgium', factor: 1.1 },
];

/** USD per vCPU-hour and per GiB-hour in us-central1; T2A is priced in us-central1 only. */
const familyRates: { family: string; label: string; core: number; ram: number; only?: string }[] = [
  { family: 'E2', label: 'E2 Instance', core: 0.021811, ram: 0.002923 },
  { family: 'N2', label: 'N2 Instance', core: 0.031611, ram: 0.004237 },
  { family: 'T2A', label: 'T2A Arm Instance', core: 0.0264, ram: 0.0033, only: 'us-central1' },
];

interface SkuJson {
  name: string;
  skuId: string;
  description: string;
  category: { serviceDisplayName: string; resourceFamily: string; resourceGroup: string; usageType: string };
  serviceRegions: string[];
  pricingInfo: unknown[];
  serviceProviderName: string;
  geoTaxonomy: { type: string; regions: string[] };
}

/** Money as JSON: `units` is an int64, which proto3 JSON writes as a string. */
function money(usd: number) {
  const units = Math.floor(usd);
  return { currencyCode: 'USD', units: String(units), nanos: Math.round((usd - units) * 1e9) };
}

let counter = 0;
function sku(
  description: string,
  category: Omit<SkuJson['category'], 'serviceDisplayName'>,
  region: string,
  usageUnit: string,
  tiers: { start: number; usd: number }[],
): SkuJson {
  counter += 1;
  const skuId = `C0DE-${counter.toString(16).toUpperCase().padStart(4, '0')}-${region.length.toString(16).toUpperCase()}A1B`;
  return {
    name: `services/${computeServiceId}/skus/${skuId}`,
    skuId,
    description,
    category: { serviceDisplayName: 'Compute Engine', ...category },
    serviceRegions: [region],
    pricingInfo: [
      {
        summary: '',
        pricingExpression: {
          usageUnit,
          displayQuantity: 1,
          tieredRates: tiers.map((t) => ({ startUsageAmount: t.start, unitPrice: money(t.usd) })),
          usageUnitDescription: usageUnit === 'h' ? 'hour' : usageUnit === 'GiBy.h' ? 'gibibyte hour' : usageUnit,
          baseUnit: usageUnit === 'h' ? 's' : 'By.s',
          baseUnitDescription: usageUnit === 'h' ? 'second' : 'byte second',
          baseUnitConversionFactor: usageUnit === 'h' ? 3600 : 3865470566400,
        },
        currencyConversionRate: 1,
        effectiveTime: '2026-11-20T10:12:00.000Z',
      },
    ],
    serviceProviderName: 'Google',
    geoTaxonomy: { type: 'REGIONAL', regions: [region] },
  };
}

/** Every SKU the emulator serves, in a stable order. */
export function computeSkus(): SkuJson[] {
  counter = 0;
  const skus: SkuJson[] = [];
  const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
  for (const { region, geo, factor } of regions) {
    for (const rate of familyRates) {
      if (rate.only && rate.only !== region) continue;
      const core = r6(rate.core * factor);
      const ram = r6(rate.ram * factor);
      const cpu = { resourceFamily: 'Compute', resourceGroup: 'CPU' };
      const mem = { resourceFamily: 'Compute', resourceGroup: 'RAM' };
      skus.push(
        sku(`${rate.label} Core running in ${geo}`, { ...cpu, usageType: 'OnDemand' }, region, 'h', [
          { start: 0, usd: core },
        ]),
        sku(`${rate.label} Ram running in ${geo}`, { ...mem, usageType: 'OnDemand' }, region, 'GiBy.h', [
          { start: 0, usd: ram },
        ]),
        sku(
          `Spot Preemptible ${rate.label} Core running in ${geo}`,
          { ...cpu, usageType: 'Preemptible' },
          region,
          'h',
          [{ start: 0, usd: r6(core * 0.3) }],
        ),
        sku(`Commitment v1: ${rate.family} Cpu in ${geo} for 1 Year`, { ...cpu, usageType: 'Commit1Yr' }, region, 'h', [
          { start: 0, usd: r6(core * 0.63) },
        ]),
        sku(`${rate.family} Custom Instance Core running in ${geo}`, { ...cpu, usageType: 'OnDemand' }, region, 'h', [
          { start: 0, usd: r6(core * 1.05) },
        ]),
      );
    }
    skus.push(
      sku(
        `Balanced PD Capacity in ${geo}`,
        { resourceFamily: 'Storage', resourceGroup: 'SSD', usageType: 'OnDemand' },
        region,
        'GiBy.mo',
        [{ start: 0, usd: r6(0.1 * factor) }],
      ),
      sku(
        `Storage PD Capacity in ${geo}`,
        { resourceFamily: 'Storage', resourceGroup: 'PDStandard', usageType: 'OnDemand' },
        region,
        'GiBy.mo',
        [{ start: 0, usd: r6(0.04 * factor) }],
      ),
      sku(
        `External IP Charge on a Standard VM in ${geo}`,
        { resourceFamily: 'Network', resourceGroup: 'IpAddress', usageType: 'OnDemand' },
        region,
        'h',
        [{ start: 0, usd: 0.005 }],
      ),
      sku(
        `Network Internet Egress from ${geo} to Americas`,
        { resourceFamily: 'Network', resourceGroup: 'PremiumInternetEgress', usageType: 'OnDemand' },
        region,
        'GiBy',
        [
          { start: 0, usd: 0 },
          { start: 1, usd: r6(0.12 * factor) },
          { start: 1024, usd: r6(0.11 * factor) },
        ],
      ),
    );
  }
  return skus;
}

// Page tokens are opaque to clients; here they name an offset of one listing and carry a
// per-emulator secret, so a forged or foreign token is refused as Google refuses them.
const tokenSecret = randomBytes(4).toString('hex');

/**
 * `services.skus.list`: `pageSize` (default and most 5000), `pageToken` from the previous page's
 * `nextPageToken` (empty on the last page, as Google leaves it out). `maxPageSize` makes pages
 * smaller than asked, which the API also allows.
 */
export function listSkus(path: string, query: URLSearchParams, maxPageSize: number): unknown {
  const match = /^\/v1\/services\/([^/]+)\/skus$/.exec(path);
  if (!match) return undefined;
  if (match[1] !== computeServiceId) throw notFound(`services/${match[1]}`);
  const currency = query.get('currencyCode') ?? 'USD';
  if (currency !== 'USD') throw invalid(`Currency ${currency} is not supported by this emulator.`);
  const pageSize = Number(query.get('pageSize') ?? 5000) || 5000;
  if (pageSize < 0 || pageSize > 5000) throw invalid('page_size must be between 0 and 5000.');
  const all = computeSkus();
  let offset = 0;
  const token = query.get('pageToken');
  if (token) {
    const [secret, at] = Buffer.from(token, 'base64url').toString('utf8').split(':');
    offset = Number(at);
    if (secret !== tokenSecret || !Number.isInteger(offset) || offset < 0 || offset > all.length)
      throw invalid('Invalid page token.');
  }
  const end = Math.min(offset + Math.min(pageSize, maxPageSize), all.length);
  return {
    skus: all.slice(offset, end),
    nextPageToken: end < all.length ? Buffer.from(`${tokenSecret}:${end}`).toString('base64url') : '',
  };
}
