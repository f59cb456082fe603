import type { SizeInfo } from '../../../shared/index.js';

export type SizeClass = NonNullable<SizeInfo['normalized']>;

/** The vendor-neutral classes, smallest first; `crossdock machine create --size` takes them too. */
export const SIZE_CLASSES: readonly SizeClass[] = ['small', 'medium', 'large'];

const classRank = (size: SizeInfo): number =>
  size.normalized ? SIZE_CLASSES.indexOf(size.normalized) : SIZE_CLASSES.length;

/**
 * The order of the size table: the provider's picks for small, medium and large first (what most
 * people want), then every other type from the smallest up, the cheaper first when equal.
 * A provider may offer hundreds of types; this keeps the useful ones on top.
 */
export function sortSizes(sizes: readonly SizeInfo[]): SizeInfo[] {
  return [...sizes].sort(
    (a, b) =>
      classRank(a) - classRank(b) ||
      a.vcpus - b.vcpus ||
      a.memoryGiB - b.memoryGiB ||
      (a.hourlyPriceUsd ?? Number.POSITIVE_INFINITY) - (b.hourlyPriceUsd ?? Number.POSITIVE_INFINITY) ||
      a.type.localeCompare(b.type),
  );
}

/** The size picked when the table appears: the provider's `small`, else its first type. */
export function defaultSize(sizes: readonly SizeInfo[]): string | null {
  return (sizes.find((size) => size.normalized === 'small') ?? sortSizes(sizes)[0])?.type ?? null;
}

/** `0.5 GiB`, `2 GiB`, `3.75 GiB`: no trailing zeros, at most two decimals. */
export function formatMemory(gib: number): string {
  return `${Number(gib.toFixed(2))} GiB`;
}

/**
 * The hourly price in US dollars with the digits cloud price lists use ($0.0104, $1.536);
 * "—" where the provider publishes none, "$0" for the free local sandbox.
 */
export function formatHourlyPrice(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  const rounded = Number(usd.toFixed(usd < 1 ? 4 : 3));
  // A real but tiny price must not read as free.
  return rounded === 0 ? '<$0.0001' : `$${rounded}`;
}
