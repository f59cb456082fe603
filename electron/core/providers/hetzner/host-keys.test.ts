import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readPrivateKey } from '../../keys/private-key.js';
import { chooseHostKey, fingerprintFromLabel, fingerprintLabel } from './host-keys.js';

describe('chooseHostKey', () => {
  it('puts a fresh ed25519 host key in cloud-config whose fingerprint is the one returned', () => {
    const chosen = chooseHostKey('web-1');
    expect(chosen.userData.startsWith('#cloud-config\n')).toBe(true);
    const config = parse(chosen.userData) as {
      ssh_deletekeys: boolean;
      ssh_genkeytypes: string[];
      ssh_keys: { ed25519_private: string; ed25519_public: string };
    };
    expect(config.ssh_deletekeys).toBe(true);
    expect(config.ssh_genkeytypes).toEqual([]);
    const key = readPrivateKey(config.ssh_keys.ed25519_private);
    expect(key.type).toBe('ssh-ed25519');
    expect(key.fingerprint).toBe(chosen.fingerprint);
    expect(config.ssh_keys.ed25519_public.split(' ')[1]).toBe(key.publicKey.split(' ')[1]);
    expect(chooseHostKey('web-1').fingerprint).not.toBe(chosen.fingerprint);
  });
});

describe('fingerprint labels', () => {
  it('round-trip through a valid Hetzner label value', () => {
    for (let i = 0; i < 20; i++) {
      const { fingerprint } = chooseHostKey(`m${i}`);
      const label = fingerprintLabel(fingerprint);
      expect(label.length).toBeLessThanOrEqual(63);
      expect(label).toMatch(/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/);
      expect(fingerprintFromLabel(label)).toBe(fingerprint);
    }
  });

  it('reads nothing from a missing or foreign label', () => {
    expect(fingerprintFromLabel(undefined)).toBeNull();
    expect(fingerprintFromLabel('something-else')).toBeNull();
  });
});
