import type { MachinesApi } from '../../../shared/index.js';
import { machinesSchemas } from '../../../shared/api/machines.js';
import { parseOpenPorts } from './open-ports.js';

export type CreateMachineArgs = Parameters<MachinesApi['create']>[0];
export type MachineOs = CreateMachineArgs['os'];

export const MACHINE_OS: readonly { value: MachineOs; label: string }[] = [
  { value: 'debian-12', label: 'Debian 12' },
  { value: 'ubuntu-24.04', label: 'Ubuntu 24.04' },
  { value: 'rocky-9', label: 'Rocky Linux 9' },
];

/** The create-machine form as typed. */
export interface CreateMachineForm {
  name: string;
  provider: string;
  /** A region or zone from the provider's location choices; null where there is none (the sandbox). */
  location: string | null;
  os: MachineOs;
  size: string | null;
  ports: string;
}

export type CreateMachineField = 'name' | 'size' | 'ports';
export type CreateMachineProblems = Partial<Record<CreateMachineField, string>>;

const NAME = /^[a-zA-Z0-9][\w.-]*$/;

/**
 * Checks the form against what `machines.create` accepts and builds its arguments, or says what
 * to fix, field by field. A machine becomes a host of the same name, so names of existing hosts
 * and machines are taken. The contract's schema has the last word.
 */
export function validateCreateMachine(
  form: CreateMachineForm,
  takenNames: readonly string[],
): { args: CreateMachineArgs } | { problems: CreateMachineProblems } {
  const problems: CreateMachineProblems = {};
  const name = form.name.trim();
  if (name === '') problems.name = 'Give the machine a name.';
  else if (name.length > 63 || !NAME.test(name))
    problems.name = 'Use letters, digits, ".", "_" or "-", starting with a letter or digit (at most 63).';
  else if (takenNames.some((taken) => taken.toLowerCase() === name.toLowerCase()))
    problems.name = `A machine or host named ${name} already exists.`;
  if (!form.size) problems.size = 'Pick a size.';
  const ports = parseOpenPorts(form.ports);
  if ('problem' in ports) problems.ports = ports.problem;
  if (Object.keys(problems).length > 0 || !('ports' in ports) || !form.size) return { problems };

  const args: CreateMachineArgs = {
    name,
    provider: form.provider,
    size: form.size,
    os: form.os,
    openPorts: ports.ports,
    ...(form.location ? { region: form.location } : {}),
  };
  const checked = machinesSchemas.create.safeParse(args);
  if (!checked.success)
    return {
      problems: { name: checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') },
    };
  return { args };
}
