import { describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../shared/index.js';
import { upsertHost } from './host-list.js';

const host = (id: string, name: string, status: HostInfo['status'] = 'idle'): HostInfo => ({
  id,
  name,
  kind: 'ssh',
  endpoint: `root@${name}:22`,
  status,
  hasCredential: true,
});

describe('upsertHost', () => {
  it('adds a new host in name order', () => {
    expect(upsertHost([host('1', 'alpha'), host('2', 'gamma')], host('3', 'beta')).map((h) => h.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('replaces a host whose status changed', () => {
    const hosts = upsertHost([host('1', 'alpha')], host('1', 'alpha', 'connected'));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.status).toBe('connected');
  });
});
