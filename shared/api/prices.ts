import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { CostReport, PriceCatalogue } from '../domain/prices.js';
import { noArgs, type NoArgs } from './system.js';

/**
 * Prices from the providers' own APIs (AWS Price List, Google Cloud Billing Catalog), cached in
 * the data directory with the time they were fetched, and what the machines cost this month.
 */
export interface PricesApi {
  /** The cached catalogue with its age; when older than a week a refresh job starts in the background. */
  catalogue(args: NoArgs): Promise<PriceCatalogue>;
  /** Fetches every cloud account's default region again, as a job (progress per page; cancel). */
  refresh(args: NoArgs): Promise<JobInfo>;
  /** Each machine's cost so far this month and projected for the month, per provider and in total. */
  cost(args: NoArgs): Promise<CostReport>;
  /** A monthly price set by hand for a machine the catalogue cannot price (an `ssh` server); null removes it. */
  setMonthlyPrice(args: { machine: string; monthlyUsd: number | null }): Promise<void>;
}

export const pricesSchemas: SchemaMap<PricesApi> = {
  catalogue: noArgs,
  refresh: noArgs,
  cost: noArgs,
  setMonthlyPrice: z.strictObject({
    machine: z.string().trim().min(1).max(200),
    monthlyUsd: z.number().finite().min(0).max(1_000_000).nullable(),
  }),
};
