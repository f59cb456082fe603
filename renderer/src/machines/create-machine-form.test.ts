import { describe, expect, it } from 'vitest';
import { validateCreateMachine, type CreateMachineForm } from './create-machine-form.js';

const form = (changes: Partial<CreateMachineForm> = {}): CreateMachineForm => ({
  name: 'web-2',
  provider: 'local',
  location: null,
  os: 'debian-12',
  size: 'sandbox-small',
  ports: '',
  ...changes,
});

describe('validateCreateMachine', () => {
  it('builds the machines.create arguments', () => {
    expect(validateCreateMachine(form({ name: ' web-2 ', ports: '443, 80' }), [])).toEqual({
      args: { name: 'web-2', provider: 'local', size: 'sandbox-small', os: 'debian-12', openPorts: [443, 80] },
    });
  });

  it('passes the region or zone when the provider has one', () => {
    const result = validateCreateMachine(form({ provider: 'work', location: 'eu-west-1a', size: 't3.small' }), []);
    expect(result).toEqual({
      args: { name: 'web-2', provider: 'work', size: 't3.small', os: 'debian-12', openPorts: [], region: 'eu-west-1a' },
    });
  });

  it('names each field to fix', () => {
    const result = validateCreateMachine(form({ name: '-bad name', size: null, ports: '80, http' }), []);
    expect(result).toEqual({
      problems: {
        name: expect.stringContaining('letters, digits'),
        size: 'Pick a size.',
        ports: expect.stringContaining('“http”'),
      },
    });
  });

  it('asks for a name, and refuses one a host or machine already has', () => {
    expect(validateCreateMachine(form({ name: '  ' }), [])).toEqual({ problems: { name: 'Give the machine a name.' } });
    expect(validateCreateMachine(form({ name: 'Web-2' }), ['web-2'])).toEqual({
      problems: { name: 'A machine or host named Web-2 already exists.' },
    });
  });
});
