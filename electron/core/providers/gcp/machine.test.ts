import { describe, expect, it } from 'vitest';
import { osLabelValue, parseMachineId, toProviderMachine } from './machine.js';

const base = 'http://127.0.0.1:1/compute/v1/projects/p';

describe('GCE instance mapping', () => {
  it('maps a running instance with its NAT address, zone id, type and OS label', () => {
    const machine = toProviderMachine(
      {
        name: 'web-1',
        status: 'RUNNING',
        zone: `${base}/zones/europe-west1-b`,
        machineType: `${base}/zones/europe-west1-b/machineTypes/e2-small`,
        labels: { crossdock: 'managed', 'crossdock-os': 'ubuntu-24-04' },
        creationTimestamp: '2026-01-01T00:00:00Z',
        networkInterfaces: [{ networkIP: '10.0.0.2', accessConfigs: [{ natIP: '34.1.2.3' }] }],
      },
      'us-central1-a',
    );
    expect(machine).toEqual({
      id: 'europe-west1-b/web-1',
      name: 'web-1',
      state: 'running',
      address: '34.1.2.3',
      sshPort: 22,
      sshUser: 'crossdock',
      region: 'europe-west1-b',
      type: 'e2-small',
      os: 'ubuntu-24.04',
      createdAt: '2026-01-01T00:00:00Z',
    });
  });

  it('maps states, falls back to the internal address and the default zone', () => {
    expect(toProviderMachine({ name: 'a', status: 'TERMINATED' }, 'z').state).toBe('stopped');
    expect(toProviderMachine({ name: 'a', status: 'STAGING' }, 'z').state).toBe('pending');
    expect(toProviderMachine({ name: 'a', status: 'REPAIRING' }, 'z').state).toBe('unknown');
    const internal = toProviderMachine(
      { name: 'a', networkInterfaces: [{ networkIP: '10.0.0.9', accessConfigs: [] }] },
      'z',
    );
    expect(internal).toMatchObject({ address: '10.0.0.9', id: 'z/a', os: null });
    expect(toProviderMachine({ name: 'a' }, 'z').address).toBeNull();
  });

  it('parses ids with and without a zone', () => {
    expect(parseMachineId('europe-west1-b/web', 'z')).toEqual({ zone: 'europe-west1-b', name: 'web' });
    expect(parseMachineId('web', 'z')).toEqual({ zone: 'z', name: 'web' });
    expect(osLabelValue('debian-12')).toBe('debian-12');
  });
});
