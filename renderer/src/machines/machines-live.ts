import { useMemo } from 'react';
import type { MachineInfo } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { byId, valuesOf } from '../state/live-rule.js';
import { createLiveStore } from '../state/live-store.js';
import { useLiveState } from '../state/use-live.js';
import { sortMachines } from './machine-state.js';

/**
 * Machines on every provider, a live store like every list (see live-rule.ts). A locked vault
 * (cloud providers need their credentials to list) is not prompted for by the loads that keep it
 * current: the view says so and offers to unlock.
 */
export const machinesLive = createLiveStore<MachineInfo[], MachineInfo>({
  fetch: (api) => api.machines.list({}),
  entries: (machines) => byId(machines),
});

/** The machines in table order (null until listed) and why the last listing failed. */
export function useMachineList(): { machines: MachineInfo[] | null; failure: CoreFailure | null } {
  const { entries, failure } = useLiveState(machinesLive);
  const machines = useMemo(() => (entries ? sortMachines(valuesOf(entries)) : null), [entries]);
  return { machines, failure };
}
