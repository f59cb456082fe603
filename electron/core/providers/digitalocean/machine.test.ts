import { describe, expect, it } from 'vitest';
import { chooseHostKey } from '../chosen-host-key.js';
import { hostKeyOf, hostKeyTag, toProviderMachine, type DigitalOceanDroplet } from './machine.js';

const droplet = (changes: Partial<DigitalOceanDroplet> = {}): DigitalOceanDroplet => ({
  id: 3164494,
  name: 'web-1',
  status: 'active',
  created_at: '2026-12-05T05:00:00Z',
  size_slug: 's-2vcpu-2gb',
  tags: ['crossdock'],
  image: { slug: 'ubuntu-24-04-x64', distribution: 'Ubuntu' },
  region: { slug: 'fra1' },
  networks: {
    v4: [
      { ip_address: '10.110.0.2', type: 'private' },
      { ip_address: '203.0.113.7', type: 'public' },
    ],
  },
  ...changes,
});

describe('DigitalOcean droplets', () => {
  it('map to machines: public address, root, region slug, OS from the image slug', () => {
    expect(toProviderMachine(droplet())).toEqual({
      id: '3164494',
      name: 'web-1',
      state: 'running',
      address: '203.0.113.7',
      sshPort: 22,
      sshUser: 'root',
      region: 'fra1',
      type: 's-2vcpu-2gb',
      os: 'ubuntu-24.04',
      createdAt: '2026-12-05T05:00:00Z',
    });
    expect(toProviderMachine(droplet({ status: 'new', networks: { v4: [] } }))).toMatchObject({
      state: 'pending',
      address: null,
    });
    expect(toProviderMachine(droplet({ status: 'off' })).state).toBe('stopped');
  });

  it('keep the chosen host key fingerprint in a valid tag, and read it back', () => {
    for (let i = 0; i < 20; i++) {
      const { fingerprint } = chooseHostKey(`m${i}`);
      const tag = hostKeyTag(fingerprint);
      expect(tag).toMatch(/^[a-zA-Z0-9_:-]{1,255}$/);
      expect(hostKeyOf({ tags: ['crossdock', tag] })).toBe(fingerprint);
    }
    expect(hostKeyOf({ tags: ['crossdock'] })).toBeNull();
    expect(hostKeyOf({ tags: ['crossdock-hostkey:short'] })).toBeNull();
  });
});
