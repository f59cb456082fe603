import { regionOf, type CompareRow, type ProviderInfo } from '../../../shared/index.js';

/** What "Create machine" on a Compare row puts in the machine form. */
export interface MachinePrefill {
  /** A provider account's id. */
  provider: string;
  /** The row's region: the form picks that region, or the first zone in it (GCE). */
  near: string;
  size: string;
}

/**
 * The account a Compare row's machine would be made with: of the accounts of the row's provider
 * kind, the one whose default region is the row's, else the first. The catalogue is per kind and
 * region, not per account, since every account of a kind sees the same list prices.
 */
export function prefillFor(
  row: Pick<CompareRow, 'provider' | 'region' | 'type'>,
  providers: readonly Pick<ProviderInfo, 'id' | 'kind' | 'region'>[],
): MachinePrefill | null {
  const accounts = providers.filter((p) => p.kind === row.provider);
  const home = accounts.find((p) => p.region !== null && regionOf(row.provider, p.region) === row.region);
  const account = home ?? accounts[0];
  return account ? { provider: account.id, near: row.region, size: row.type } : null;
}
