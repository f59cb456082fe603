import { create } from 'zustand';
import type { MachineInfo } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { sortMachines } from './machine-state.js';

export type MachineBusy = 'start' | 'stop' | 'destroy';

export interface MachinesState {
  /** Null until the first `machines.list` answers. */
  machines: MachineInfo[] | null;
  /** Why the last list failed; the table keeps what it showed before. */
  listError: CoreFailure | null;
  /** The action running on a machine, by machine id. */
  busy: Record<string, MachineBusy>;
  /** The core's message for a machine's last failed action, by machine id. */
  rowErrors: Record<string, CoreFailure>;
}

export const useMachines = create<MachinesState>()(() => ({ machines: null, listError: null, busy: {}, rowErrors: {} }));

const set = useMachines.setState;
const get = useMachines.getState;

const without = <T>(record: Record<string, T>, id: string): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));

export function setMachines(machines: MachineInfo[]): void {
  set({ machines: sortMachines(machines), listError: null });
}

export function setListError(listError: CoreFailure): void {
  set({ listError });
}

export function applyMachine(machine: MachineInfo): void {
  const current = get().machines ?? [];
  set({ machines: sortMachines([...current.filter((m) => m.id !== machine.id), machine]) });
}

export function dropMachine(id: string): void {
  const current = get().machines;
  if (current) set({ machines: current.filter((m) => m.id !== id), rowErrors: without(get().rowErrors, id) });
}

export function setBusy(id: string, busy: MachineBusy | null): void {
  set({ busy: busy ? { ...get().busy, [id]: busy } : without(get().busy, id) });
}

export function setRowError(id: string, failure: CoreFailure | null): void {
  set({ rowErrors: failure ? { ...get().rowErrors, [id]: failure } : without(get().rowErrors, id) });
}
