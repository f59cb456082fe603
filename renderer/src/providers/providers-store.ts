import { useMemo } from 'react';
import type { ProviderInfo } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { byId, valuesOf } from '../state/live-rule.js';
import { createLiveStore } from '../state/live-store.js';
import { useLiveState } from '../state/use-live.js';

/**
 * The configured providers, a live store like every list (see live-rule.ts). No credentials ever
 * reach it: `providers.list` only says whether a provider has one, and the add dialog keeps what
 * is typed in its own state. Listing needs no vault (credentials stay in it).
 */
export const providersLive = createLiveStore<ProviderInfo[], ProviderInfo>({
  fetch: (api) => api.providers.list({}),
  entries: (providers) => byId(providers),
});

// The built-in local sandbox is always first.
const sandboxFirst = (a: ProviderInfo, b: ProviderInfo): number =>
  Number(b.kind === 'local') - Number(a.kind === 'local') || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The providers (null until listed) and why the last listing failed. */
export function useProviderList(): { providers: ProviderInfo[] | null; error: CoreFailure | null } {
  const { entries, failure } = useLiveState(providersLive);
  const providers = useMemo(() => (entries ? valuesOf(entries).sort(sandboxFirst) : null), [entries]);
  return { providers, error: failure };
}

export function applyProvider(provider: ProviderInfo): void {
  providersLive.put(provider.id, provider);
}

export function dropProvider(id: string): void {
  providersLive.put(id, null);
}
