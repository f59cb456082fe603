import { describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../shared/index.js';
import { sortHosts } from './host-list.js';
import { nextGeneration } from './live-rule.js';
import { applyHost, applyHostList, dropHost, useCrossdock } from './store.js';

const host = (id: string, name: string, status: HostInfo['status'] = 'idle'): HostInfo => ({
  id,
  name,
  kind: 'ssh',
  endpoint: `root@${name}:22`,
  address: name,
  port: 22,
  user: 'root',
  keyId: 'key-1',
  hostKey: { keyType: 'ssh-ed25519', fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU' },
  status,
  statusError: null,
  hasCredential: true,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('sortHosts', () => {
  it('orders hosts by name', () => {
    expect(sortHosts([host('1', 'gamma'), host('2', 'alpha'), host('3', 'beta')]).map((h) => h.name)).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
  });

  it('orders numbered names naturally', () => {
    expect(sortHosts([host('1', 'host-10'), host('2', 'host-1'), host('3', 'host-2')]).map((h) => h.name)).toEqual([
      'host-1',
      'host-2',
      'host-10',
    ]);
  });
});

describe('the hosts in the store', () => {
  it('follows hosts.changed and hosts.removed, and a list started before an event does not undo it', () => {
    const listing = nextGeneration();
    applyHost(host('1', 'alpha', 'connected'));
    applyHost(host('3', 'beta'));
    dropHost('3');
    applyHostList([host('1', 'alpha', 'idle'), host('2', 'gamma')], listing);
    const { hosts } = useCrossdock.getState();
    expect(hosts.map((h) => [h.name, h.status])).toEqual([
      ['alpha', 'connected'],
      ['gamma', 'idle'],
    ]);
  });
});
