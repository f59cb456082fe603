/**
 * Price catalogues and running cost, in the normalised terms the Compare view and `crossdock
 * cost` share. Every price says when it was fetched, so no client shows a price without its age.
 */
import type { ProviderKind } from './providers.js';

/** The providers whose price lists Crossdock fetches (Hetzner's and SSH servers' are set by hand for now). */
export type CataloguedKind = 'aws' | 'gcp';

export function isCatalogued(kind: ProviderKind | 'ssh'): kind is CataloguedKind {
  return kind === 'aws' || kind === 'gcp';
}

/** A GCE zone (`europe-west1-b`) → its region; EC2 regions and GCE regions pass unchanged. */
export function regionOf(kind: CataloguedKind, place: string): string {
  return kind === 'gcp' ? place.replace(/-[a-z]$/, '') : place;
}

/** One machine type of one provider in one region, with its on-demand Linux list price. */
export interface PricedSize {
  provider: 'aws' | 'gcp';
  region: string;
  type: string;
  vcpus: number;
  memoryGiB: number;
  arch: 'amd64' | 'arm64';
  hourlyUsd: number;
  /** hourlyUsd × 730, the hours of an average month (AWS's and Google's own convention). */
  monthlyUsd: number;
}

/** What comes with a machine besides its type, per region. Null where the API gave no price. */
export interface RegionExtras {
  /** Block storage (EBS gp3, balanced PD) per GB-month. */
  diskGbMonthUsd: number | null;
  /** One public IPv4 address per hour. */
  ipv4HourUsd: number | null;
  /** Internet egress per GB (the first paid tier). */
  egressGbUsd: number | null;
}

/** One provider kind's prices in one region, as fetched from its API at `fetchedAt`. */
export interface RegionCatalogue {
  provider: 'aws' | 'gcp';
  region: string;
  /** ISO time of the fetch: the age every client shows. */
  fetchedAt: string;
  sizes: PricedSize[];
  extras: RegionExtras;
}

/** The cached catalogue, and why parts of it are missing. */
export interface PriceCatalogue {
  regions: RegionCatalogue[];
  /** Per configured provider that could not be priced: no credentials, auth refused, unreachable. */
  missing: { provider: string; kind: 'aws' | 'gcp'; region: string; reason: string }[];
  /** The oldest fetchedAt of the regions (null when there are none). */
  oldestFetchedAt: string | null;
  /** True when some region is older than a week (a refresh is due). */
  stale: boolean;
  /** Said instead of guessing when there is nothing to price: no cloud account added, nothing fetched yet. */
  message: string | null;
}

/** One machine's cost this calendar month (UTC). */
export interface MachineCost {
  machine: string;
  name: string;
  providerId: string;
  providerName: string;
  providerKind: ProviderKind | 'ssh';
  state: string;
  type: string;
  region: string | null;
  /** Hours the machine ran this month so far, as the cost counts them. */
  runningHours: number;
  /** Cost from the first of the month until now; null when the type's price is unknown. */
  soFarUsd: number | null;
  /** The whole month at the current state (running keeps running; stopped stays stopped). */
  projectedUsd: number | null;
  /** Where the price came from: the catalogue (with its fetchedAt), a hand-set monthly price, free (sandbox), or why none. */
  priceSource:
    | { kind: 'catalogue'; fetchedAt: string }
    | { kind: 'manual' }
    | { kind: 'free' }
    | { kind: 'unknown'; reason: string };
}

/** Costs per machine, per provider and in total. */
export interface CostReport {
  /** ISO time the report was computed (the "now" of soFar). */
  at: string;
  monthStart: string;
  hoursInMonth: number;
  machines: MachineCost[];
  providers: { providerId: string; providerName: string; soFarUsd: number; projectedUsd: number; unpriced: number }[];
  total: { soFarUsd: number; projectedUsd: number; unpriced: number };
}
