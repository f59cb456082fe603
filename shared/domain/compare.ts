/**
 * The Compare view's and `crossdock compare`'s one reading of the price catalogue: every priced
 * size of every provider and region as a row, the filters a user types (checked the same way in
 * both clients), and the order of the rows. Pure functions over {@link PriceCatalogue}.
 */
import type { PriceCatalogue, PricedSize } from './prices.js';

/** One size in one region, with the time its price was fetched (every row shows its age). */
export interface CompareRow extends PricedSize {
  fetchedAt: string;
}

export interface CompareFilter {
  minVcpus: number | null;
  minMemoryGiB: number | null;
  arch: 'amd64' | 'arm64' | null;
  /** Words that must each begin the row's provider, region, a part of the region or its continent (`europe`, `us-east`, `gcp asia`). */
  region: string;
  maxMonthlyUsd: number | null;
}

export const NO_COMPARE_FILTER: CompareFilter = {
  minVcpus: null,
  minMemoryGiB: null,
  arch: null,
  region: '',
  maxMonthlyUsd: null,
};

/** The filters as typed (a form's fields, the CLI's options); empty or absent means no limit. */
export interface CompareFilterInput {
  vcpus?: string | undefined;
  memory?: string | undefined;
  arch?: string | undefined;
  region?: string | undefined;
  maxMonthly?: string | undefined;
}

export type CompareFilterProblems = Partial<Record<keyof CompareFilterInput, string>>;

const ARCH_NAMES: Record<string, 'amd64' | 'arm64'> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  x86: 'amd64',
  arm64: 'arm64',
  aarch64: 'arm64',
  arm: 'arm64',
};

function positive(text: string | undefined, what: string): { value: number | null } | { problem: string } {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { value: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0)
    return { problem: `${what} must be a number of at least 0, not “${trimmed}”.` };
  return { value };
}

/** Checks typed filters; each problem names the field and what it accepts. */
export function parseCompareFilter(
  input: CompareFilterInput,
): { filter: CompareFilter } | { problems: CompareFilterProblems } {
  const problems: CompareFilterProblems = {};
  const vcpus = positive(input.vcpus, 'Minimum vCPUs');
  if ('problem' in vcpus) problems.vcpus = vcpus.problem;
  const memory = positive(input.memory, 'Minimum memory (GiB)');
  if ('problem' in memory) problems.memory = memory.problem;
  const monthly = positive(input.maxMonthly, 'Maximum monthly price (USD)');
  if ('problem' in monthly) problems.maxMonthly = monthly.problem;
  const archText = (input.arch ?? '').trim().toLowerCase();
  const arch = archText === '' || archText === 'any' ? null : (ARCH_NAMES[archText] ?? undefined);
  if (arch === undefined) problems.arch = `Architecture must be amd64 or arm64, not “${input.arch?.trim()}”.`;
  if (Object.keys(problems).length > 0 || 'problem' in vcpus || 'problem' in memory || 'problem' in monthly)
    return { problems };
  return {
    filter: {
      minVcpus: vcpus.value,
      minMemoryGiB: memory.value,
      arch: arch ?? null,
      region: (input.region ?? '').trim(),
      maxMonthlyUsd: monthly.value,
    },
  };
}

/**
 * The continent of an AWS or Google Cloud region, from the prefixes both providers use
 * (`eu-central-1`, `europe-west1`, `ap-south-1`, `asia-east1`, …); null for one it does not know.
 */
export function continentOf(region: string): string | null {
  const prefix = region.toLowerCase().split('-')[0] ?? '';
  const byPrefix: Record<string, string> = {
    us: 'North America',
    ca: 'North America',
    mx: 'North America',
    northamerica: 'North America',
    sa: 'South America',
    southamerica: 'South America',
    eu: 'Europe',
    europe: 'Europe',
    ap: 'Asia Pacific',
    asia: 'Asia Pacific',
    australia: 'Asia Pacific',
    me: 'Middle East',
    il: 'Middle East',
    af: 'Africa',
    africa: 'Africa',
  };
  return byPrefix[prefix] ?? null;
}

/** Every priced size of every cached region, one row each. */
export function compareRows(catalogue: Pick<PriceCatalogue, 'regions'>): CompareRow[] {
  return catalogue.regions.flatMap((region) => region.sizes.map((size) => ({ ...size, fetchedAt: region.fetchedAt })));
}

/** The rows that meet every filter. */
export function filterCompareRows(rows: readonly CompareRow[], filter: CompareFilter): CompareRow[] {
  const words = filter.region.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.minVcpus !== null && row.vcpus < filter.minVcpus) return false;
    if (filter.minMemoryGiB !== null && row.memoryGiB < filter.minMemoryGiB) return false;
    if (filter.arch !== null && row.arch !== filter.arch) return false;
    if (filter.maxMonthlyUsd !== null && row.monthlyUsd > filter.maxMonthlyUsd) return false;
    if (words.length === 0) return true;
    // A word matches the start of a name or of a part of one, so `us` finds us-east-1, not "aws".
    const names = [row.provider, row.region, ...row.region.split('-'), ...(continentOf(row.region) ?? '').split(' ')]
      .filter(Boolean)
      .map((name) => name.toLowerCase());
    return words.every((word) => names.some((name) => name.startsWith(word)));
  });
}

export type CompareSortKey =
  | 'provider'
  | 'region'
  | 'type'
  | 'vcpus'
  | 'memoryGiB'
  | 'arch'
  | 'hourlyUsd'
  | 'monthlyUsd'
  | 'fetchedAt';

export interface CompareSort {
  key: CompareSortKey;
  direction: 'ascending' | 'descending';
}

/** Cheapest first: what people compare prices for. */
export const DEFAULT_COMPARE_SORT: CompareSort = { key: 'monthlyUsd', direction: 'ascending' };

const byText = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

const COMPARE: Record<CompareSortKey, (a: CompareRow, b: CompareRow) => number> = {
  provider: (a, b) => byText(a.provider, b.provider),
  region: (a, b) => byText(a.region, b.region),
  type: (a, b) => byText(a.type, b.type),
  vcpus: (a, b) => a.vcpus - b.vcpus,
  memoryGiB: (a, b) => a.memoryGiB - b.memoryGiB,
  arch: (a, b) => byText(a.arch, b.arch),
  hourlyUsd: (a, b) => a.hourlyUsd - b.hourlyUsd,
  monthlyUsd: (a, b) => a.monthlyUsd - b.monthlyUsd,
  // Oldest first when ascending: ISO times sort as text.
  fetchedAt: (a, b) => (a.fetchedAt < b.fetchedAt ? -1 : a.fetchedAt > b.fetchedAt ? 1 : 0),
};

/** Sorted by the chosen column; ties by price, then provider, region and type, so the order never jumps. */
export function sortCompareRows(rows: readonly CompareRow[], sort: CompareSort): CompareRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const primary = COMPARE[sort.key];
  return [...rows].sort(
    (a, b) =>
      sign * primary(a, b) ||
      COMPARE.monthlyUsd(a, b) ||
      COMPARE.provider(a, b) ||
      COMPARE.region(a, b) ||
      COMPARE.type(a, b),
  );
}

/** A click on a column head: the same column turns the order round, another starts ascending. */
export function nextCompareSort(current: CompareSort, key: CompareSortKey): CompareSort {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** A stable key for a row: provider, region and type. */
export const compareRowKey = (row: Pick<CompareRow, 'provider' | 'region' | 'type'>): string =>
  `${row.provider}/${row.region}/${row.type}`;

/** "just now", "5 hours ago", "3 days ago": how old a price is, as every client says it. */
export function priceAge(fetchedAt: string, now = Date.now()): string {
  const hours = (now - Date.parse(fetchedAt)) / 3_600_000;
  if (!Number.isFinite(hours)) return 'at an unknown time';
  if (hours < 1) return 'just now';
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? '' : 's'} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
