/**
 * A monthly price as typed in the Set price dialog: a number of US dollars from 0 to 1,000,000
 * (the contract's bounds), or empty to remove the price. `$` and thousands commas are allowed.
 */
export function parseMonthlyPrice(text: string): { monthlyUsd: number | null } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { monthlyUsd: null };
  const value = Number(trimmed.replace(/^\$/, '').replaceAll(',', ''));
  if (!Number.isFinite(value) || value < 0 || value > 1_000_000)
    return { problem: `Give the price in US dollars per month, from 0 to 1,000,000, not “${trimmed}”.` };
  return { monthlyUsd: value };
}
