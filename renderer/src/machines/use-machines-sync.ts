import { providersLive } from '../providers/providers-store.js';
import { useCrossdock } from '../state/store.js';
import { useLive } from '../state/use-live.js';
import { machinesLive } from './machines-live.js';
import { machinesRefreshKey } from './refresh-key.js';

/**
 * Keeps the machines and providers lists current while the view is shown: loaded on every
 * (re)connection, and machines again whenever a machine job or a host changes in a way that can
 * change the list. There is no machines event in the contract; jobs and hosts events are what
 * the core sends when machines come, go, or change state.
 */
export function useMachinesSync(): void {
  const refreshKey = useCrossdock((state) => machinesRefreshKey(state.jobs, state.hosts));
  useLive(providersLive);
  useLive(machinesLive, { refreshKey });
}
