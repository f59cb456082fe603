import { describe, expect, it } from 'vitest';
import { parseContainerRef, parseSshTarget } from './ssh-target.js';

describe('parseSshTarget', () => {
  it('reads user, address and an optional port', () => {
    expect(parseSshTarget('root@203.0.113.10')).toEqual({ user: 'root', address: '203.0.113.10', port: 22 });
    expect(parseSshTarget('deploy@web-1.example.com:2222')).toEqual({
      user: 'deploy',
      address: 'web-1.example.com',
      port: 2222,
    });
    expect(parseSshTarget('root@[2001:db8::1]:2200')).toEqual({ user: 'root', address: '2001:db8::1', port: 2200 });
  });

  it('refuses what is not USER@ADDRESS[:PORT], saying what it expected', () => {
    for (const bad of [
      '203.0.113.10',
      'root@',
      '@host',
      'root@host:0',
      'root@host:70000',
      'root@host:22:22',
      'root@2001:db8::1',
    ]) {
      expect(() => parseSshTarget(bad), bad).toThrow(/USER@ADDRESS|port/);
    }
  });
});

describe('parseContainerRef', () => {
  it('splits HOST/CONTAINER at the first slash', () => {
    expect(parseContainerRef('web-1/nginx')).toEqual({ host: 'web-1', container: 'nginx' });
  });
  it('refuses a reference without both halves', () => {
    for (const bad of ['nginx', '/nginx', 'web-1/']) expect(() => parseContainerRef(bad)).toThrow(/HOST\/CONTAINER/);
  });
});
