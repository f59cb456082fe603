// Fetches one region's EC2 prices through the Price List Query API. The API lives in
// us-east-1 only (api.pricing.us-east-1.amazonaws.com) whatever region is priced; the region is
// a filter (`regionCode`). A custom endpoint (the test emulator, a VPC endpoint) is plain SDK
// configuration, as for EC2.
import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import type { RegionCatalogue } from '../../../shared/domain/prices.js';
import type { AwsCredentials } from '../providers/aws/options.js';
import { firstPaidTier, flatPrice, parseAwsProduct, toPricedSize, type AwsProduct } from './aws-price-list.js';

/** Where the Price List API answers; AWS also serves it from ap-south-1 and eu-central-1. */
export const PRICING_REGION = 'us-east-1';

export interface AwsPricingOptions {
  credentials: AwsCredentials;
  endpoint?: string;
}

/** Reports how far a fetch got (pages read), for the refresh job's progress. */
export type PageProgress = (pages: number) => void;

export function createPricingClient(options: AwsPricingOptions): PricingClient {
  const { credentials } = options;
  return new PricingClient({
    region: PRICING_REGION,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...('profile' in credentials ? { profile: credentials.profile } : { credentials }),
  });
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** Every product matching the filters, following NextToken to the last page. */
async function products(
  client: PricingClient,
  serviceCode: string,
  filters: Filter[],
  signal?: AbortSignal,
  onPage?: () => void,
): Promise<AwsProduct[]> {
  const found: AwsProduct[] = [];
  let nextToken: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await client.send(
      new GetProductsCommand({
        ServiceCode: serviceCode,
        Filters: filters,
        FormatVersion: 'aws_v1',
        MaxResults: 100,
        NextToken: nextToken,
      }),
      signal ? { abortSignal: signal } : {},
    );
    for (const entry of (page.PriceList ?? []) as unknown[]) {
      const product = parseAwsProduct(entry);
      if (product) found.push(product);
    }
    onPage?.();
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return found;
}

/**
 * One region's catalogue: on-demand Linux instance types (shared tenancy, no preinstalled
 * software, capacitystatus Used — the plain on-demand price, not reservations' or dedicated
 * hosts'), EBS gp3 per GB-month, a public IPv4 address per hour (AmazonVPC) and internet
 * egress per GB (AWSDataTransfer, first paid tier).
 */
export async function fetchAwsRegion(
  client: PricingClient,
  region: string,
  signal?: AbortSignal,
  onProgress?: PageProgress,
): Promise<RegionCatalogue> {
  let pages = 0;
  const onPage = () => onProgress?.(++pages);
  const compute = await products(
    client,
    'AmazonEC2',
    [
      term('regionCode', region),
      term('operatingSystem', 'Linux'),
      term('tenancy', 'Shared'),
      term('preInstalledSw', 'NA'),
      term('capacitystatus', 'Used'),
      term('licenseModel', 'No License required'),
    ],
    signal,
    onPage,
  );
  const disk = await products(
    client,
    'AmazonEC2',
    [term('regionCode', region), term('productFamily', 'Storage'), term('volumeApiName', 'gp3')],
    signal,
    onPage,
  );
  const ipv4 = await products(
    client,
    'AmazonVPC',
    [term('regionCode', region), term('group', 'VPCPublicIPv4Address')],
    signal,
    onPage,
  );
  const egress = await products(
    client,
    'AWSDataTransfer',
    [term('fromRegionCode', region), term('transferType', 'AWS Outbound')],
    signal,
    onPage,
  );
  const sizes = new Map<string, NonNullable<ReturnType<typeof toPricedSize>>>();
  for (const product of compute) {
    const size = toPricedSize(product, region);
    // One price per type: should AWS list a type twice, the lower one is the on-demand list price.
    if (size && (sizes.get(size.type)?.hourlyUsd ?? Number.POSITIVE_INFINITY) > size.hourlyUsd)
      sizes.set(size.type, size);
  }
  return {
    provider: 'aws',
    region,
    fetchedAt: new Date().toISOString(),
    sizes: [...sizes.values()].sort((a, b) => a.hourlyUsd - b.hourlyUsd || a.type.localeCompare(b.type)),
    extras: {
      diskGbMonthUsd: flatPrice(disk, 'GB-Mo'),
      ipv4HourUsd: flatPrice(ipv4, 'Hrs'),
      egressGbUsd: firstPaidTier(egress),
    },
  };
}
