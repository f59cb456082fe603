import { useEffect } from 'react';
import { loadProviders } from '../providers/provider-actions.js';
import { useCrossdock } from '../state/store.js';
import { createCoalescedLoader } from './coalesced-loader.js';
import { loadMachines } from './machine-actions.js';
import { machinesRefreshKey } from './refresh-key.js';

const reloadMachines = createCoalescedLoader(() => loadMachines());

/** Lists machines again now (after unlocking the vault, say). */
export function refreshMachines(): Promise<void> {
  return reloadMachines();
}

/**
 * Keeps the machines and providers lists current while the view is shown: loaded on every
 * (re)connection, and machines again whenever a machine job or a host changes in a way that can
 * change the list. There is no machines event in the contract; jobs and hosts events are what
 * the core sends when machines come, go, or change state.
 */
export function useMachinesSync(): void {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const key = useCrossdock((state) => machinesRefreshKey(state.jobs, state.hosts));

  useEffect(() => {
    if (session !== null) void loadProviders();
  }, [session]);

  useEffect(() => {
    if (session !== null) void reloadMachines();
  }, [session, key]);
}
