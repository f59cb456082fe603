import { z } from 'zod';
import { declareJobKind } from './declare.js';

/**
 * Fetching the price catalogues (`prices.refresh`) from every cloud account's own price API.
 * The step detail says which provider and region, and how many pages so far.
 */
export const PRICES_REFRESH_JOB = declareJobKind({
  kind: 'prices-refresh',
  steps: [
    { id: 'fetch', label: 'Fetch the providers’ price lists', share: 1 },
    { id: 'done', label: 'Saved to the price cache', share: 0 },
  ],
  result: z.object({ regions: z.number(), missing: z.number() }),
});
