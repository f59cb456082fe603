import { describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../shared/index.js';
import { upsertHost, withoutHost } from './host-list.js';

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

describe('upsertHost', () => {
  it('adds a new host in name order', () => {
    expect(upsertHost([host('1', 'alpha'), host('2', 'gamma')], host('3', 'beta')).map((h) => h.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('orders numbered names naturally', () => {
    expect(upsertHost([host('1', 'host-1'), host('2', 'host-10')], host('3', 'host-2')).map((h) => h.name)).toEqual(['host-1', 'host-2', 'host-10']);
  });

  it('replaces a host whose status changed', () => {
    const hosts = upsertHost([host('1', 'alpha')], host('1', 'alpha', 'connected'));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.status).toBe('connected');
  });
});

describe('withoutHost', () => {
  it('drops the removed host and keeps the order of the rest', () => {
    expect(withoutHost([host('1', 'alpha'), host('2', 'beta'), host('3', 'gamma')], '2').map((h) => h.name)).toEqual(['alpha', 'gamma']);
  });

  it('returns the same array for an id it does not know, so nothing re-renders', () => {
    const hosts = [host('1', 'alpha')];
    expect(withoutHost(hosts, 'x')).toBe(hosts);
  });
});
