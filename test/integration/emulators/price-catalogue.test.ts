// Price catalogues fetched by Crossdock's own code through the official SDKs
// (@aws-sdk/client-pricing, @google-cloud/billing + @google-cloud/compute), pointed at the
// emulators by endpoint configuration only. Pages are made small so pagination is exercised.
import { GetProductsCommand } from '@aws-sdk/client-pricing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricingClient, fetchAwsRegion } from '../../../electron/core/pricing/aws-fetch.js';
import { createCatalogClient, fetchGcpRegion, listComputeSkus } from '../../../electron/core/pricing/gcp-fetch.js';
import { createGcpClients } from '../../../electron/core/providers/gcp/clients.js';
import { startEc2Emulator, type Ec2Emulator } from '../../emulators/ec2/index.js';
import { startGceEmulator, type GceEmulator } from '../../emulators/gce/index.js';

let ec2: Ec2Emulator;
let gce: GceEmulator;

beforeAll(async () => {
  [ec2, gce] = await Promise.all([startEc2Emulator({ pricingPageSize: 3 }), startGceEmulator({ skuPageSize: 7 })]);
});
afterAll(async () => {
  await Promise.all([ec2?.close(), gce?.close()]);
});

const awsClient = () =>
  createPricingClient({
    endpoint: ec2.endpoint,
    credentials: { accessKeyId: ec2.accessKeyId, secretAccessKey: ec2.secretAccessKey },
  });

describe('AWS Price List through @aws-sdk/client-pricing', () => {
  it('prices every type of a region from the on-demand Linux shared-tenancy documents, across pages', async () => {
    const client = awsClient();
    const pages: number[] = [];
    const catalogue = await fetchAwsRegion(client, 'eu-west-1', undefined, (n) => pages.push(n));
    client.destroy();
    // 8 types at 3 a page: 3 pages of compute, then one each for gp3, IPv4 and egress.
    expect(pages.at(-1)).toBe(6);
    expect(catalogue.sizes.map((s) => s.type).sort()).toEqual([
      'm6i.2xlarge',
      'm6i.large',
      't3.large',
      't3.medium',
      't3.micro',
      't3.small',
      't4g.medium',
      't4g.small',
    ]);
    const small = catalogue.sizes.find((s) => s.type === 't3.small');
    // 0.0208 in us-east-1 × 1.1 in eu-west-1 (the emulator's data); not Windows', not dedicated.
    expect(small).toMatchObject({ provider: 'aws', region: 'eu-west-1', vcpus: 2, memoryGiB: 2, arch: 'amd64' });
    expect(small!.hourlyUsd).toBeCloseTo(0.02288, 6);
    expect(small!.monthlyUsd).toBeCloseTo(0.02288 * 730, 6);
    expect(catalogue.sizes.find((s) => s.type === 't4g.small')?.arch).toBe('arm64');
    expect(catalogue.extras.diskGbMonthUsd).toBeCloseTo(0.088, 6);
    expect(catalogue.extras.ipv4HourUsd).toBe(0.005);
    expect(catalogue.extras.egressGbUsd).toBeCloseTo(0.099, 6);
    expect(Date.now() - Date.parse(catalogue.fetchedAt)).toBeLessThan(60_000);
  });

  it('answers a region the price list does not cover with no sizes, and refuses bad keys', async () => {
    const client = awsClient();
    expect((await fetchAwsRegion(client, 'ap-southeast-2')).sizes).toEqual([]);
    client.destroy();
    const wrong = createPricingClient({
      endpoint: ec2.endpoint,
      credentials: { accessKeyId: ec2.accessKeyId, secretAccessKey: 'not-the-secret-key-00000000000000000000' },
    });
    await expect(fetchAwsRegion(wrong, 'us-east-1')).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    wrong.destroy();
  });

  it('returns PriceList entries as JSON strings and a NextToken bound to its query', async () => {
    const client = awsClient();
    const filters = [{ Type: 'TERM_MATCH' as const, Field: 'regionCode', Value: 'us-east-1' }];
    const first = await client.send(
      new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: filters, MaxResults: 2 }),
    );
    expect(first.PriceList).toHaveLength(2);
    expect(typeof String(first.PriceList?.[0])).toBe('string');
    expect(JSON.parse(String(first.PriceList?.[0])).product.attributes.regionCode).toBe('us-east-1');
    expect(first.NextToken).toBeTruthy();
    await expect(
      client.send(new GetProductsCommand({ ServiceCode: 'AmazonVPC', Filters: filters, NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
    client.destroy();
  });
});

describe('Google Billing Catalog through @google-cloud/billing', () => {
  const endpoint = () => ({ host: gce.host, port: gce.port, protocol: 'http' as const });

  it('lists every Compute Engine SKU across pages, with Money as units and nanos', async () => {
    const catalog = createCatalogClient(gce.serviceAccountJson, endpoint());
    const pages: number[] = [];
    const skus = await listComputeSkus(catalog, undefined, (n) => pages.push(n));
    await catalog.close();
    expect(pages.length).toBeGreaterThan(3);
    expect(skus.length).toBeGreaterThan(pages.length * 6);
    const core = skus.find((s) => s.description === 'E2 Instance Core running in Americas');
    expect(core?.serviceRegions).toEqual(['us-central1']);
    expect(core?.pricingInfo?.[0]?.pricingExpression?.tieredRates?.[0]?.unitPrice).toMatchObject({ nanos: 21811000 });
  });

  it('derives machine-type prices from the family SKUs and the Compute API machine types', async () => {
    const catalog = createCatalogClient(gce.serviceAccountJson, endpoint());
    const compute = createGcpClients(gce.serviceAccountJson, endpoint());
    const skus = await listComputeSkus(catalog);
    const us = await fetchGcpRegion(compute, skus, 'us-central1');
    const eu = await fetchGcpRegion(compute, skus, 'europe-west1');
    await catalog.close();
    const price = (c: typeof us, type: string) => c.sizes.find((s) => s.type === type);
    // e2-standard-2 = 2 × 0.021811 + 8 × 0.002923 (not the spot, commitment or custom SKUs).
    expect(price(us, 'e2-standard-2')?.hourlyUsd).toBeCloseTo(2 * 0.021811 + 8 * 0.002923, 9);
    // e2-micro is billed as a quarter vCPU.
    expect(price(us, 'e2-micro')?.hourlyUsd).toBeCloseTo(0.25 * 0.021811 + 1 * 0.002923, 9);
    expect(price(us, 't2a-standard-2')).toMatchObject({ arch: 'arm64', vcpus: 2, memoryGiB: 8 });
    // T2A has no SKU in europe-west1: no price rather than a guess.
    expect(price(eu, 't2a-standard-2')).toBeUndefined();
    expect(price(eu, 'n2-standard-8')?.hourlyUsd).toBeCloseTo(8 * 0.034772 + 32 * 0.004661, 6);
    expect(us.extras).toEqual({ diskGbMonthUsd: 0.1, ipv4HourUsd: 0.005, egressGbUsd: 0.12 });
  });
});
