import { priceAge, type MachineCost } from '../../../shared/index.js';

/** Dollars as the app shows money: two decimals, a dash for a price nobody knows. */
export function usd(value: number | null): string {
  return value === null ? '—' : `$${value.toFixed(2)}`;
}

/** Where a machine's price comes from, with its age when it is a list price. */
export function priceSourceText(source: MachineCost['priceSource'], now = Date.now()): string {
  switch (source.kind) {
    case 'catalogue':
      return `list price, fetched ${priceAge(source.fetchedAt, now)}`;
    case 'manual':
      return 'monthly price set by hand';
    case 'free':
      return 'free: runs on this computer';
    case 'unknown':
      return source.reason;
  }
}
