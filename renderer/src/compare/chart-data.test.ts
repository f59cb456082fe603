import { describe, expect, it } from 'vitest';
import type { CompareRow } from '../../../shared/index.js';
import { chartData } from './chart-data.js';

const row = (
  provider: 'aws' | 'gcp',
  type: string,
  vcpus: number,
  memoryGiB: number,
  monthlyUsd: number,
): CompareRow => ({
  provider,
  region: 'r',
  type,
  vcpus,
  memoryGiB,
  arch: 'amd64',
  hourlyUsd: monthlyUsd / 730,
  monthlyUsd,
  fetchedAt: '2026-12-01T00:00:00.000Z',
});

describe('chartData', () => {
  const rows = [row('gcp', 'b', 4, 16, 100), row('aws', 'a', 2, 8, 60), row('aws', 'c', 2, 4, 30)];

  it('orders points by the chosen axis and gives each provider its own series', () => {
    expect(chartData(rows, 'vcpus')).toEqual({
      x: [2, 2, 4],
      series: [
        { provider: 'aws', y: [30, 60, null] },
        { provider: 'gcp', y: [null, null, 100] },
      ],
    });
    expect(chartData(rows, 'memoryGiB').x).toEqual([4, 8, 16]);
  });

  it('has no series without rows', () => {
    expect(chartData([], 'vcpus')).toEqual({ x: [], series: [] });
  });
});
