// Parsing the emulators' documents (the shapes AWS's and Google's APIs document), without a server.
import { describe, expect, it } from 'vitest';
import { priceDocuments } from '../../../test/emulators/ec2/pricing-data.js';
import { computeSkus } from '../../../test/emulators/gce/billing-catalog.js';
import { firstPaidTier, flatPrice, parseAwsMemory, parseAwsProduct, toPricedSize } from './aws-price-list.js';
import {
  classifyComputeSku,
  familyRates,
  gcpExtras,
  moneyToNumber,
  priceMachineType,
  type SkuFacts,
} from './gcp-skus.js';

describe('AWS Price List documents', () => {
  const products = priceDocuments().map((d) => parseAwsProduct(JSON.stringify(d))!);

  it('reads attributes and the on-demand hourly price from a JSON string', () => {
    const t4g = products.find(
      (p) =>
        p.attributes.instanceType === 't4g.medium' &&
        p.attributes.regionCode === 'us-east-1' &&
        p.attributes.operatingSystem === 'Linux' &&
        p.attributes.tenancy === 'Shared' &&
        p.attributes.capacitystatus === 'Used',
    )!;
    expect(toPricedSize(t4g, 'us-east-1')).toEqual({
      provider: 'aws',
      region: 'us-east-1',
      type: 't4g.medium',
      vcpus: 2,
      memoryGiB: 4,
      arch: 'arm64',
      hourlyUsd: 0.0336,
      monthlyUsd: 0.0336 * 730,
    });
  });

  it('reads flat and tiered extras', () => {
    const inRegion = (family: string) =>
      products.filter(
        (p) => p.productFamily === family && (p.attributes.regionCode ?? p.attributes.fromRegionCode) === 'us-east-1',
      );
    expect(
      flatPrice(
        inRegion('Storage').filter((p) => p.attributes.volumeApiName === 'gp3'),
        'GB-Mo',
      ),
    ).toBe(0.08);
    expect(flatPrice(inRegion('IP Address'), 'Hrs')).toBe(0.005);
    expect(firstPaidTier(inRegion('Data Transfer'))).toBe(0.09);
  });

  it('rejects what it cannot read rather than guessing', () => {
    expect(parseAwsProduct('not json')).toBeNull();
    expect(parseAwsProduct('{"terms":{}}')).toBeNull();
    expect(parseAwsMemory('1,952 GiB')).toBe(1952);
    expect(parseAwsMemory('NA')).toBeNaN();
    expect(
      toPricedSize(
        {
          productFamily: 'Compute Instance',
          attributes: { instanceType: 'mac2.metal', vcpu: '12', memory: '16 GiB' },
          onDemand: [{ unit: 'Hrs', usd: 0.65, beginRange: 0 }],
        },
        'us-east-1',
      ),
    ).toBeNull();
  });
});

describe('Google Billing Catalog SKUs', () => {
  // As they arrive: JSON, read as the SKU fields Crossdock uses.
  const skus = JSON.parse(JSON.stringify(computeSkus())) as SkuFacts[];

  it('turns Money into a number', () => {
    expect(moneyToNumber({ units: '1', nanos: 500_000_000 })).toBe(1.5);
    expect(moneyToNumber({ units: '0', nanos: 21_811_000 })).toBeCloseTo(0.021811, 12);
  });

  it('keeps only on-demand predefined core and RAM SKUs per family', () => {
    const kinds = skus.map(classifyComputeSku).filter((k) => k !== null);
    // 2 regions: E2 and N2 in both, T2A in one → 5 families × (core + ram).
    expect(kinds).toHaveLength(10);
    const rates = familyRates(skus, 'us-central1');
    expect(rates.get('e2')).toEqual({ core: 0.021811, ram: 0.002923 });
    expect(rates.get('t2a')).toEqual({ core: 0.0264, ram: 0.0033 });
    expect(familyRates(skus, 'europe-west1').has('t2a')).toBe(false);
  });

  it('prices a machine type as vCPUs × core + GiB × RAM, shared-core E2 by its fraction', () => {
    const rates = familyRates(skus, 'us-central1');
    expect(
      priceMachineType({ name: 'n2-standard-2', guestCpus: 2, memoryMb: 8192 }, rates, 'us-central1')?.hourlyUsd,
    ).toBeCloseTo(2 * 0.031611 + 8 * 0.004237, 12);
    expect(
      priceMachineType({ name: 'e2-small', guestCpus: 2, memoryMb: 2048 }, rates, 'us-central1')?.hourlyUsd,
    ).toBeCloseTo(0.5 * 0.021811 + 2 * 0.002923, 12);
    expect(priceMachineType({ name: 'c3-standard-4', guestCpus: 4, memoryMb: 16384 }, rates, 'us-central1')).toBeNull();
    expect(gcpExtras(skus, 'europe-west1')).toEqual({ diskGbMonthUsd: 0.11, ipv4HourUsd: 0.005, egressGbUsd: 0.132 });
  });
});
