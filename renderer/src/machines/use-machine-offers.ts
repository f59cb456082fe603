import type { ProviderInfo, RegionInfo, SizeInfo } from '../../../shared/index.js';
import { useLiveValue, type Loaded } from '../state/use-live.js';
import { locationChoices, locationNear, sizesRegion, type LocationChoice } from './location-choices.js';
import { defaultSize } from './size-offers.js';

export interface MachineOffers {
  regions: Loaded<RegionInfo[]> | null;
  locations: LocationChoice[];
  /** The chosen place, or the one nearest the region asked for, or the first one offered. */
  location: string | null;
  sizes: Loaded<SizeInfo[]> | null;
  sizeList: SizeInfo[] | null;
  /** The chosen size, or the provider's small one until the user picks. */
  size: string | null;
}

/**
 * What the chosen provider offers: its regions (cloud providers only), then its sizes in the chosen
 * region. Each is loaded again when what it depends on changes; these are asked for by the user,
 * so a locked vault prompts for the passphrase.
 */
export function useMachineOffers(
  provider: ProviderInfo | undefined,
  chosen: { location: string | null; size: string | null; near?: string | null },
): MachineOffers {
  const regions = useLiveValue(
    provider && provider.kind !== 'local' ? provider.id : null,
    (api) => api.providers.regions({ provider: provider?.id ?? '' }),
    { vault: true },
  );
  const locations =
    provider && (provider.kind === 'local' || regions?.status === 'ready')
      ? locationChoices(provider, regions?.status === 'ready' ? regions.value : [])
      : [];
  const location =
    chosen.location ?? (chosen.near ? locationNear(locations, chosen.near) : null) ?? locations[0]?.value ?? null;
  const sizeRegion = provider ? sizesRegion(provider.kind, location) : undefined;
  const sizes = useLiveValue(
    provider ? `${provider.id}\n${sizeRegion ?? ''}` : null,
    (api) => api.providers.sizes({ provider: provider?.id ?? '', ...(sizeRegion ? { region: sizeRegion } : {}) }),
    { vault: true },
  );
  const sizeList = sizes?.status === 'ready' ? sizes.value : null;
  const size =
    chosen.size && sizeList?.some((s) => s.type === chosen.size)
      ? chosen.size
      : sizeList
        ? defaultSize(sizeList)
        : null;
  return { regions, locations, location, sizes, sizeList, size };
}
