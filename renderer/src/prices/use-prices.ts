import type { CostReport, PriceCatalogue } from '../../../shared/index.js';
import { machinesRefreshKey } from '../machines/refresh-key.js';
import { useCrossdock } from '../state/store.js';
import { useLiveValue, type Loaded } from '../state/use-live.js';
import { pricesRefreshKey } from './prices-jobs.js';

/** The cached price catalogue, read again whenever a prices refresh ends. It needs no vault. */
export function usePriceCatalogue(): Loaded<PriceCatalogue> | null {
  const refreshKey = useCrossdock((state) => pricesRefreshKey(state.jobs));
  return useLiveValue('prices.catalogue', (api) => api.prices.catalogue({}), { refreshKey });
}

/**
 * What every machine costs this month, computed again when the machines may have changed (see
 * machinesRefreshKey), when a prices refresh ends, and when `localKey` changes (a price set by
 * hand). Listing cloud machines needs the vault: a locked one is not prompted for here, the
 * failure says so.
 */
export function useCostReport(localKey = ''): Loaded<CostReport> | null {
  const refreshKey = useCrossdock(
    (state) => `${machinesRefreshKey(state.jobs, state.hosts)}|${pricesRefreshKey(state.jobs)}|${localKey}`,
  );
  return useLiveValue('prices.cost', (api) => api.prices.cost({}), { refreshKey });
}
