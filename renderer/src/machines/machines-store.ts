import { create } from 'zustand';
import type { CoreFailure } from '../state/core-call.js';

export type MachineBusy = 'start' | 'stop' | 'destroy';

/** What the machines table shows beside the list (which is in machines-live.ts). */
export interface MachinesState {
  /** The action running on a machine, by machine id. */
  busy: Record<string, MachineBusy>;
  /** The core's message for a machine's last failed action, by machine id. */
  rowErrors: Record<string, CoreFailure>;
}

export const useMachines = create<MachinesState>()(() => ({ busy: {}, rowErrors: {} }));

const set = useMachines.setState;
const get = useMachines.getState;

const without = <T>(record: Record<string, T>, id: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));

export function forgetMachine(id: string): void {
  set({ rowErrors: without(get().rowErrors, id) });
}

export function setBusy(id: string, busy: MachineBusy | null): void {
  set({ busy: busy ? { ...get().busy, [id]: busy } : without(get().busy, id) });
}

export function setRowError(id: string, failure: CoreFailure | null): void {
  set({ rowErrors: failure ? { ...get().rowErrors, [id]: failure } : without(get().rowErrors, id) });
}
