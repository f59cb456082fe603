import { useMemo } from 'react';
import type { RegistryLoginInfo } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { valuesOf } from '../state/live-rule.js';
import { createLiveStore } from '../state/live-store.js';
import { useLive, useLiveState } from '../state/use-live.js';

/**
 * The saved registry logins, a live store like every list (see live-rule.ts), keyed by registry
 * name. No password ever reaches it: `registries.list` returns registry, username and date only,
 * and the add dialog keeps what is typed in its own state. Listing needs no vault.
 */
export const registriesLive = createLiveStore<RegistryLoginInfo[], RegistryLoginInfo>({
  fetch: (api) => api.registries.list({}),
  entries: (logins) => new Map(logins.map((login) => [login.registry, login])),
});

/** The logins by registry name (null until listed) and why the last listing failed; loads while shown. */
export function useRegistryLogins(): { logins: RegistryLoginInfo[] | null; error: CoreFailure | null } {
  useLive(registriesLive);
  const { entries, failure } = useLiveState(registriesLive);
  const logins = useMemo(
    () => (entries ? valuesOf(entries).sort((a, b) => a.registry.localeCompare(b.registry)) : null),
    [entries],
  );
  return { logins, error: failure };
}

export function applyLogin(login: RegistryLoginInfo): void {
  registriesLive.put(login.registry, login);
}

export function dropLogin(registry: string): void {
  registriesLive.put(registry, null);
}
