import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../../../shared/index.js';
import { locationLabel, machineActions, sortMachines } from './machine-state.js';

describe('machineActions', () => {
  it('offers stop for a running machine and start for a stopped one, destroy for both', () => {
    expect(machineActions({ providerKind: 'local', state: 'running' })).toEqual({
      start: false,
      stop: true,
      destroy: true,
    });
    expect(machineActions({ providerKind: 'aws', state: 'stopped' })).toEqual({
      start: true,
      stop: false,
      destroy: true,
    });
    expect(machineActions({ providerKind: 'gcp', state: 'stopping' })).toEqual({
      start: false,
      stop: false,
      destroy: true,
    });
  });

  it('offers both start and stop when the state is unknown', () => {
    expect(machineActions({ providerKind: 'aws', state: 'unknown' })).toEqual({
      start: true,
      stop: true,
      destroy: true,
    });
  });

  it('offers nothing for an existing server, whatever its state', () => {
    expect(machineActions({ providerKind: 'ssh', state: 'running' })).toEqual({
      start: false,
      stop: false,
      destroy: false,
    });
    expect(machineActions({ providerKind: 'ssh', state: 'unknown' })).toEqual({
      start: false,
      stop: false,
      destroy: false,
    });
  });

  it('only offers destroy for a terminated machine', () => {
    expect(machineActions({ providerKind: 'aws', state: 'terminated' })).toEqual({
      start: false,
      stop: false,
      destroy: true,
    });
  });
});

describe('sortMachines', () => {
  const machine = (id: string, name: string, providerName: string) => ({ id, name, providerName }) as MachineInfo;
  it('groups by provider, then orders by name', () => {
    const sorted = sortMachines([
      machine('1', 'web', 'work'),
      machine('2', 'db', 'local'),
      machine('3', 'api', 'work'),
      machine('4', 'box', 'local'),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(['4', '2', '3', '1']);
  });
});

describe('locationLabel', () => {
  it('says the region, "this computer" for the sandbox (in Machines as in Providers), "—" when unknown', () => {
    expect(locationLabel({ kind: 'aws', region: 'eu-west-1' })).toBe('eu-west-1');
    expect(locationLabel({ kind: 'local', region: null })).toBe('this computer');
    expect(locationLabel({ kind: 'ssh', region: null })).toBe('—');
  });
});
