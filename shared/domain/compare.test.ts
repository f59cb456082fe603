import { describe, expect, it } from 'vitest';
import {
  compareRows,
  continentOf,
  DEFAULT_COMPARE_SORT,
  filterCompareRows,
  nextCompareSort,
  NO_COMPARE_FILTER,
  parseCompareFilter,
  priceAge,
  sortCompareRows,
  type CompareFilter,
  type CompareRow,
} from './compare.js';
import type { PricedSize, RegionCatalogue } from './prices.js';

const size = (
  provider: 'aws' | 'gcp',
  region: string,
  type: string,
  vcpus: number,
  memoryGiB: number,
  hourly: number,
  arch: 'amd64' | 'arm64' = 'amd64',
): PricedSize => ({
  provider,
  region,
  type,
  vcpus,
  memoryGiB,
  arch,
  hourlyUsd: hourly,
  monthlyUsd: hourly * 730,
});

const region = (provider: 'aws' | 'gcp', name: string, fetchedAt: string, sizes: PricedSize[]): RegionCatalogue => ({
  provider,
  region: name,
  fetchedAt,
  sizes,
  extras: { diskGbMonthUsd: null, ipv4HourUsd: null, egressGbUsd: null },
});

const catalogue = {
  regions: [
    region('aws', 'eu-central-1', '2026-12-01T10:00:00.000Z', [
      size('aws', 'eu-central-1', 't3.small', 2, 2, 0.024),
      size('aws', 'eu-central-1', 'm6g.large', 2, 8, 0.092, 'arm64'),
      size('aws', 'eu-central-1', 'm5.2xlarge', 8, 32, 0.46),
    ]),
    region('aws', 'us-east-1', '2026-12-03T10:00:00.000Z', [size('aws', 'us-east-1', 't3.small', 2, 2, 0.0208)]),
    region('gcp', 'europe-west1', '2026-12-02T10:00:00.000Z', [
      size('gcp', 'europe-west1', 'e2-small', 2, 2, 0.0184),
      size('gcp', 'europe-west1', 'n2-standard-4', 4, 16, 0.21),
    ]),
  ],
};

const rows = compareRows(catalogue);
const types = (list: readonly CompareRow[]) => list.map((row) => `${row.provider}/${row.region}/${row.type}`);
const filter = (change: Partial<CompareFilter>) => filterCompareRows(rows, { ...NO_COMPARE_FILTER, ...change });

describe('compareRows', () => {
  it('gives every size of every region one row, with its region’s fetch time', () => {
    expect(rows).toHaveLength(6);
    expect(rows.find((row) => row.region === 'us-east-1')?.fetchedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(rows.find((row) => row.type === 'e2-small')?.fetchedAt).toBe('2026-12-02T10:00:00.000Z');
  });
});

describe('filterCompareRows', () => {
  it('keeps everything with no filter', () => {
    expect(filter({})).toHaveLength(6);
  });

  it('narrows by minimum vCPUs and memory (inclusive)', () => {
    expect(types(filter({ minVcpus: 4 }))).toEqual(['aws/eu-central-1/m5.2xlarge', 'gcp/europe-west1/n2-standard-4']);
    expect(types(filter({ minMemoryGiB: 8, minVcpus: 2 }))).toEqual([
      'aws/eu-central-1/m6g.large',
      'aws/eu-central-1/m5.2xlarge',
      'gcp/europe-west1/n2-standard-4',
    ]);
  });

  it('narrows by architecture and by maximum monthly price (inclusive)', () => {
    expect(types(filter({ arch: 'arm64' }))).toEqual(['aws/eu-central-1/m6g.large']);
    expect(types(filter({ maxMonthlyUsd: 0.0208 * 730 }))).toEqual([
      'aws/us-east-1/t3.small',
      'gcp/europe-west1/e2-small',
    ]);
  });

  it('matches region text against the provider, the region and its continent, every word', () => {
    expect(types(filter({ region: 'us-east' }))).toEqual(['aws/us-east-1/t3.small']);
    expect(types(filter({ region: 'Europe' }))).toHaveLength(5);
    expect(types(filter({ region: 'europe gcp' }))).toEqual([
      'gcp/europe-west1/e2-small',
      'gcp/europe-west1/n2-standard-4',
    ]);
    expect(filter({ region: 'asia' })).toEqual([]);
    // Word starts only: `us` is not found inside “aws”.
    expect(types(filter({ region: 'us' }))).toEqual(['aws/us-east-1/t3.small']);
    expect(types(filter({ region: 'east north america' }))).toEqual(['aws/us-east-1/t3.small']);
    expect(filter({ region: 'west2' })).toEqual([]);
  });
});

describe('sortCompareRows', () => {
  it('sorts cheapest first by default and turns round on a second click', () => {
    const cheap = sortCompareRows(rows, DEFAULT_COMPARE_SORT);
    expect(cheap.map((row) => row.type)).toEqual([
      'e2-small',
      't3.small',
      't3.small',
      'm6g.large',
      'n2-standard-4',
      'm5.2xlarge',
    ]);
    const dear = sortCompareRows(rows, nextCompareSort(DEFAULT_COMPARE_SORT, 'monthlyUsd'));
    expect(dear.map((row) => row.type)).toEqual(cheap.map((row) => row.type).reverse());
  });

  it('sorts every column, ties broken by price so the order is stable', () => {
    const byVcpus = sortCompareRows(rows, { key: 'vcpus', direction: 'descending' });
    expect(byVcpus.map((row) => row.vcpus)).toEqual([8, 4, 2, 2, 2, 2]);
    // Equal vCPUs: cheapest first.
    expect(byVcpus.slice(2).map((row) => row.hourlyUsd)).toEqual([0.0184, 0.0208, 0.024, 0.092]);
    expect(sortCompareRows(rows, { key: 'memoryGiB', direction: 'ascending' }).map((row) => row.memoryGiB)).toEqual([
      2, 2, 2, 8, 16, 32,
    ]);
    expect(sortCompareRows(rows, { key: 'provider', direction: 'descending' })[0]?.provider).toBe('gcp');
    expect(sortCompareRows(rows, { key: 'region', direction: 'ascending' }).map((row) => row.region)).toEqual([
      'eu-central-1',
      'eu-central-1',
      'eu-central-1',
      'europe-west1',
      'europe-west1',
      'us-east-1',
    ]);
    expect(sortCompareRows(rows, { key: 'arch', direction: 'descending' })[0]?.type).toBe('m6g.large');
    expect(sortCompareRows(rows, { key: 'type', direction: 'ascending' })[0]?.type).toBe('e2-small');
    expect(sortCompareRows(rows, { key: 'hourlyUsd', direction: 'ascending' })[0]?.type).toBe('e2-small');
    // Oldest price first.
    expect(sortCompareRows(rows, { key: 'fetchedAt', direction: 'ascending' })[0]?.region).toBe('eu-central-1');
    expect(sortCompareRows(rows, { key: 'fetchedAt', direction: 'descending' })[0]?.region).toBe('us-east-1');
  });

  it('starts another column ascending', () => {
    expect(nextCompareSort({ key: 'vcpus', direction: 'descending' }, 'region')).toEqual({
      key: 'region',
      direction: 'ascending',
    });
  });
});

describe('parseCompareFilter', () => {
  it('reads typed values, empty meaning no limit', () => {
    expect(
      parseCompareFilter({ vcpus: '4', memory: ' 7.5 ', arch: 'aarch64', region: ' eu ', maxMonthly: '' }),
    ).toEqual({
      filter: { minVcpus: 4, minMemoryGiB: 7.5, arch: 'arm64', region: 'eu', maxMonthlyUsd: null },
    });
    expect(parseCompareFilter({})).toEqual({ filter: NO_COMPARE_FILTER });
    expect(parseCompareFilter({ arch: 'x86_64' })).toEqual({ filter: { ...NO_COMPARE_FILTER, arch: 'amd64' } });
    expect(parseCompareFilter({ arch: 'any' })).toEqual({ filter: NO_COMPARE_FILTER });
  });

  it('names each field it cannot read and what it accepts', () => {
    expect(parseCompareFilter({ vcpus: 'two', memory: '-1', arch: 'sparc', maxMonthly: '1e999' })).toEqual({
      problems: {
        vcpus: 'Minimum vCPUs must be a number of at least 0, not “two”.',
        memory: 'Minimum memory (GiB) must be a number of at least 0, not “-1”.',
        arch: 'Architecture must be amd64 or arm64, not “sparc”.',
        maxMonthly: 'Maximum monthly price (USD) must be a number of at least 0, not “1e999”.',
      },
    });
  });
});

describe('continentOf and priceAge', () => {
  it('knows both providers’ region prefixes', () => {
    expect(continentOf('eu-central-1')).toBe('Europe');
    expect(continentOf('europe-west1')).toBe('Europe');
    expect(continentOf('ap-southeast-2')).toBe('Asia Pacific');
    expect(continentOf('northamerica-northeast1')).toBe('North America');
    expect(continentOf('mars-1')).toBeNull();
  });

  it('says how old a price is', () => {
    const now = Date.parse('2026-12-05T12:00:00.000Z');
    expect(priceAge('2026-12-05T11:30:00.000Z', now)).toBe('just now');
    expect(priceAge('2026-12-05T11:00:00.000Z', now)).toBe('1 hour ago');
    expect(priceAge('2026-12-04T12:00:00.000Z', now)).toBe('24 hours ago');
    expect(priceAge('2026-12-01T12:00:00.000Z', now)).toBe('4 days ago');
  });
});
