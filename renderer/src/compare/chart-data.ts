import type { CompareRow } from '../../../shared/index.js';

/** What the chart's x axis measures. Measured performance scores do not exist yet (no benchmark runs). */
export type ChartAxis = 'vcpus' | 'memoryGiB';

export const CHART_AXIS_LABEL: Record<ChartAxis, string> = { vcpus: 'vCPUs', memoryGiB: 'Memory (GiB)' };

export interface ChartData {
  /** Ascending, one per row (equal values repeat): uPlot's aligned x. */
  x: number[];
  /** One series per provider in the rows, its monthly price where the row is that provider's, else null. */
  series: { provider: CompareRow['provider']; y: (number | null)[] }[];
}

/**
 * Price per month against vCPUs or memory, one point per row, a series per provider. uPlot's
 * aligned data wants x ascending, so the rows are ordered by x; a scatter is points with no lines.
 */
export function chartData(rows: readonly CompareRow[], axis: ChartAxis): ChartData {
  const ordered = [...rows].sort((a, b) => a[axis] - b[axis] || a.monthlyUsd - b.monthlyUsd);
  const providers = [...new Set(ordered.map((row) => row.provider))].sort();
  return {
    x: ordered.map((row) => row[axis]),
    series: providers.map((provider) => ({
      provider,
      y: ordered.map((row) => (row.provider === provider ? row.monthlyUsd : null)),
    })),
  };
}
