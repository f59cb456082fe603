import type { MachineInfo, MachineState } from '../../../shared/index.js';
import type { Tone } from '../hosts/host-status.js';

export const MACHINE_STATE: Record<MachineState, { label: string; tone: Tone }> = {
  pending: { label: 'Starting', tone: 'busy' },
  running: { label: 'Running', tone: 'ok' },
  stopping: { label: 'Stopping', tone: 'busy' },
  stopped: { label: 'Stopped', tone: 'muted' },
  terminated: { label: 'Terminated', tone: 'danger' },
  unknown: { label: 'Unknown', tone: 'warn' },
};

export const PROVIDER_KIND_LABEL: Record<MachineInfo['providerKind'], string> = {
  local: 'Local sandbox',
  aws: 'AWS EC2',
  gcp: 'Google Compute Engine',
  hetzner: 'Hetzner Cloud',
  digitalocean: 'DigitalOcean',
  ssh: 'Existing server',
};

/**
 * Where a machine or provider is, said the same way in the Machines and Providers tables: its
 * region or zone, "this computer" for the local sandbox, "—" when unknown (an existing server).
 */
export function locationLabel(place: { kind: MachineInfo['providerKind']; region: string | null }): string {
  if (place.region) return place.region;
  return place.kind === 'local' ? 'this computer' : '—';
}

export interface MachineActions {
  start: boolean;
  stop: boolean;
  destroy: boolean;
}

/**
 * Which buttons a machine's row offers. Existing servers (provider `ssh`) belong to their owner:
 * Crossdock only connects to them. A terminated machine is already gone on its provider.
 */
export function machineActions(machine: Pick<MachineInfo, 'providerKind' | 'state'>): MachineActions {
  if (machine.providerKind === 'ssh' || machine.state === 'terminated')
    return { start: false, stop: false, destroy: machine.providerKind !== 'ssh' };
  return {
    start: machine.state === 'stopped' || machine.state === 'unknown',
    stop: machine.state === 'running' || machine.state === 'pending' || machine.state === 'unknown',
    destroy: true,
  };
}

/** Provider name, then machine name: machines of one account stay together. */
export function sortMachines(machines: readonly MachineInfo[]): MachineInfo[] {
  return [...machines].sort(
    (a, b) => a.providerName.localeCompare(b.providerName) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}
