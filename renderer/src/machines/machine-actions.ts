import type { JobInfo, MachineInfo } from '../../../shared/index.js';
import { attempt, type Outcome } from '../state/core-call.js';
import { applyJob, pushNotice } from '../state/store.js';
import type { CreateMachineArgs } from './create-machine-form.js';
import { machinesLive } from './machines-live.js';
import { forgetMachine, setBusy, setRowError, type MachineBusy } from './machines-store.js';

/** Starts the create job; its progress arrives through `jobs.changed` and `jobs.log`. */
export async function createMachine(args: CreateMachineArgs): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.machines.create(args));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}

/** Runs one action on a machine; a failure stays next to its row with the core's message. */
async function act<T>(machine: MachineInfo, busy: MachineBusy, run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  setBusy(machine.id, busy);
  setRowError(machine.id, null);
  const outcome = await run();
  setBusy(machine.id, null);
  if (!outcome.ok && !outcome.failure.silent) setRowError(machine.id, outcome.failure);
  return outcome;
}

export async function startMachine(machine: MachineInfo): Promise<void> {
  const outcome = await act(machine, 'start', () => attempt((api) => api.machines.start({ machine: machine.id })));
  if (outcome.ok) machinesLive.put(outcome.value.id, outcome.value);
}

export async function stopMachine(machine: MachineInfo): Promise<void> {
  const outcome = await act(machine, 'stop', () => attempt((api) => api.machines.stop({ machine: machine.id })));
  if (outcome.ok) machinesLive.put(outcome.value.id, outcome.value);
}

export async function destroyMachine(machine: MachineInfo): Promise<Outcome<void>> {
  const outcome = await act(machine, 'destroy', () => attempt((api) => api.machines.remove({ machine: machine.id })));
  if (outcome.ok) {
    machinesLive.put(machine.id, null);
    forgetMachine(machine.id);
    pushNotice({
      tone: 'info',
      title: `Destroyed ${machine.name}`,
      message: `It is gone from ${machine.providerName}${machine.hostName ? `, and ${machine.hostName} is no longer a host` : ''}.`,
      code: null,
    });
  }
  return outcome;
}
