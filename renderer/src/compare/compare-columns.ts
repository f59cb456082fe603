import type { CompareSortKey } from '../../../shared/index.js';

/** Row and header heights, exactly as compare.css sets them: nothing is measured. */
export const ROW_HEIGHT = 33;
export const HEADER_HEIGHT = 34;

export interface CompareColumn {
  key: CompareSortKey;
  label: string;
  numeric?: boolean;
  width: string;
}

/** Widths are fixed (table-layout: fixed) so columns keep still as rows scroll into view. */
export const COMPARE_COLUMNS: readonly CompareColumn[] = [
  { key: 'provider', label: 'Provider', width: '9%' },
  { key: 'region', label: 'Region', width: '13%' },
  { key: 'type', label: 'Type', width: '15%' },
  { key: 'vcpus', label: 'vCPUs', numeric: true, width: '7%' },
  { key: 'memoryGiB', label: 'Memory', numeric: true, width: '9%' },
  { key: 'arch', label: 'Arch', width: '7%' },
  { key: 'hourlyUsd', label: 'Per hour', numeric: true, width: '9%' },
  { key: 'monthlyUsd', label: 'Per month', numeric: true, width: '10%' },
  { key: 'fetchedAt', label: 'Price fetched', width: '11%' },
];

/** The last column: Create machine on each row. */
export const ACTIONS_WIDTH = '10%';

export const PROVIDER_LABEL: Record<'aws' | 'gcp', string> = { aws: 'AWS', gcp: 'Google' };
