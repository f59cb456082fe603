// Fetches one region's Compute Engine prices: SKUs from the Cloud Billing Catalog API
// (`@google-cloud/billing` CloudCatalogClient.listSkus, all pages) and the region's machine types
// from the Compute API, combined as gcp-skus.ts explains. The same service-account key as the
// provider's, the same endpoint override (an emulator) as plain client configuration.
import { CloudCatalogClient } from '@google-cloud/billing';
import type { RegionCatalogue } from '../../../shared/domain/prices.js';
import {
  clientOptions,
  type GcpApiEndpoint,
  type GcpClients,
  type ServiceAccountKey,
} from '../providers/gcp/clients.js';
import { COMPUTE_SERVICE, familyRates, gcpExtras, priceMachineType, type SkuFacts } from './gcp-skus.js';
import type { PageProgress } from './aws-fetch.js';

/** A Billing Catalog client with the key's universe; REST (fallback) so it can reach an http endpoint. */
export function createCatalogClient(key: ServiceAccountKey, endpoint?: GcpApiEndpoint): CloudCatalogClient {
  return new CloudCatalogClient({ ...clientOptions(key, endpoint), fallback: true });
}

/** Every Compute Engine SKU (Google pages them, 5000 at most per page), following nextPageToken. */
export async function listComputeSkus(
  catalog: CloudCatalogClient,
  signal?: AbortSignal,
  onProgress?: PageProgress,
): Promise<SkuFacts[]> {
  const skus: SkuFacts[] = [];
  let pageToken: string | undefined = '';
  let pages = 0;
  do {
    signal?.throwIfAborted();
    const result: [unknown[], unknown, { nextPageToken?: string | null } | null | undefined] = await catalog.listSkus(
      { parent: COMPUTE_SERVICE, currencyCode: 'USD', pageSize: 5000, pageToken },
      { autoPaginate: false },
    );
    skus.push(...(result[0] as SkuFacts[]));
    onProgress?.(++pages);
    const next: string | null | undefined = result[2]?.nextPageToken;
    pageToken = next || undefined;
  } while (pageToken);
  return skus;
}

/** The region's machine types (from its first zone; every zone of a region offers the same families in practice). */
async function regionMachineTypes(compute: GcpClients, region: string, signal?: AbortSignal) {
  signal?.throwIfAborted();
  const [zones] = await compute.zones.list({ project: compute.project });
  const zone = zones
    .map((z) => z.name ?? '')
    .filter((name) => name.startsWith(`${region}-`))
    .sort()[0];
  if (!zone) return [];
  signal?.throwIfAborted();
  const [types] = await compute.machineTypes.list({ project: compute.project, zone });
  return types;
}

/** One region's catalogue, from SKUs already listed (they cover every region at once). */
export async function fetchGcpRegion(
  compute: GcpClients,
  skus: SkuFacts[],
  region: string,
  signal?: AbortSignal,
): Promise<RegionCatalogue> {
  const rates = familyRates(skus, region);
  const types = await regionMachineTypes(compute, region, signal);
  const sizes = types
    .map((type) => priceMachineType(type, rates, region))
    .filter((size) => size !== null)
    .sort((a, b) => a.hourlyUsd - b.hourlyUsd || a.type.localeCompare(b.type));
  return { provider: 'gcp', region, fetchedAt: new Date().toISOString(), sizes, extras: gcpExtras(skus, region) };
}
