import { describe, expect, it } from 'vitest';
import { isManaged, toProviderMachine } from './instance.js';
import { machineId, parseMachineId, placementFor } from './placement.js';

const tags = (record: Record<string, string>) => Object.entries(record).map(([Key, Value]) => ({ Key, Value }));

describe('toProviderMachine', () => {
  it('reads name, OS and login user from the tags written at creation', () => {
    const machine = toProviderMachine(
      {
        InstanceId: 'i-1',
        InstanceType: 't3.small',
        State: { Name: 'running' },
        PublicIpAddress: '3.3.3.3',
        PrivateIpAddress: '10.0.0.1',
        LaunchTime: new Date('2025-01-02T03:04:05Z'),
        Tags: tags({ crossdock: 'managed', Name: 'web-1', 'crossdock:os': 'debian-12', 'crossdock:ssh-user': 'root' }),
      },
      'eu-west-1',
    );
    expect(machine).toEqual({
      id: 'eu-west-1/i-1',
      name: 'web-1',
      state: 'running',
      address: '3.3.3.3',
      sshPort: 22,
      sshUser: 'root',
      region: 'eu-west-1',
      type: 't3.small',
      os: 'debian-12',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('falls back to the OS default user, the private address, and unknown states', () => {
    const ubuntu = toProviderMachine(
      {
        InstanceId: 'i-2',
        State: { Name: 'pending' },
        PrivateIpAddress: '10.0.0.2',
        Tags: tags({ 'crossdock:os': 'ubuntu-24.04' }),
      },
      'r',
    );
    expect(ubuntu).toMatchObject({ name: 'i-2', sshUser: 'ubuntu', address: '10.0.0.2', state: 'pending' });
    expect(
      toProviderMachine(
        { InstanceId: 'i-3', State: { Name: 'shutting-down' }, Tags: tags({ 'crossdock:os': 'windows' }) },
        'r',
      ),
    ).toMatchObject({ state: 'terminated', os: null, sshUser: 'ec2-user', address: null });
    expect(toProviderMachine({ InstanceId: 'i-4' }, 'r').state).toBe('unknown');
  });

  it('only counts the crossdock=managed tag as managed', () => {
    expect(isManaged({ Tags: tags({ crossdock: 'managed' }) })).toBe(true);
    expect(isManaged({ Tags: tags({ crossdock: 'yes' }) })).toBe(false);
    expect(isManaged({})).toBe(false);
  });
});

describe('placementFor', () => {
  const regions = ['eu-west-1', 'us-east-1', 'us-west-2'];
  it('reads a region or a zone of any of the account regions, and nothing else', () => {
    expect(placementFor(null, 'eu-west-1', regions)).toEqual({ region: 'eu-west-1' });
    expect(placementFor('eu-west-1', 'eu-west-1', regions)).toEqual({ region: 'eu-west-1' });
    expect(placementFor('eu-west-1b', 'eu-west-1', regions)).toEqual({ region: 'eu-west-1', zone: 'eu-west-1b' });
    expect(placementFor('us-west-2', 'eu-west-1', regions)).toEqual({ region: 'us-west-2' });
    expect(placementFor('us-east-1a', 'eu-west-1', regions)).toEqual({ region: 'us-east-1', zone: 'us-east-1a' });
    expect(placementFor('us-west-2-lax-1a', 'eu-west-1', regions)).toEqual({
      region: 'us-west-2',
      zone: 'us-west-2-lax-1a',
    });
    expect(placementFor('eu-west-12', 'eu-west-1', regions)).toBeNull();
    expect(placementFor('mars-north-1', 'eu-west-1', regions)).toBeNull();
    expect(placementFor('us-east-1a', 'eu-west-1', ['eu-west-1'])).toBeNull();
  });
});

describe('machine ids', () => {
  it('carry the region; a bare instance id means the default region', () => {
    expect(machineId('us-west-2', 'i-0abc')).toBe('us-west-2/i-0abc');
    expect(parseMachineId('us-west-2/i-0abc', 'eu-west-1')).toEqual({ region: 'us-west-2', instanceId: 'i-0abc' });
    expect(parseMachineId('i-0abc', 'eu-west-1')).toEqual({ region: 'eu-west-1', instanceId: 'i-0abc' });
    expect(parseMachineId('us-gov-west-1/i-1', 'eu-west-1')).toEqual({ region: 'us-gov-west-1', instanceId: 'i-1' });
    expect(parseMachineId('../etc/i-0abc', 'eu-west-1')).toBeNull();
  });
});
