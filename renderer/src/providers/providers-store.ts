import { create } from 'zustand';
import type { ProviderInfo } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';

/**
 * The configured providers. No credentials ever reach this store: `providers.list` only says
 * whether a provider has one, and the add dialog keeps what is typed in its own state.
 */
export interface ProvidersState {
  /** Null until listed. The built-in local sandbox is always first. */
  providers: ProviderInfo[] | null;
  error: CoreFailure | null;
}

export const useProviders = create<ProvidersState>()(() => ({ providers: null, error: null }));

export function setProviders(providers: ProviderInfo[]): void {
  useProviders.setState({ providers, error: null });
}

export function setProvidersError(error: CoreFailure): void {
  useProviders.setState({ error });
}

export function applyProvider(provider: ProviderInfo): void {
  const current = useProviders.getState().providers ?? [];
  useProviders.setState({ providers: [...current.filter((p) => p.id !== provider.id), provider] });
}

export function dropProvider(id: string): void {
  const current = useProviders.getState().providers;
  if (current) useProviders.setState({ providers: current.filter((p) => p.id !== id) });
}
