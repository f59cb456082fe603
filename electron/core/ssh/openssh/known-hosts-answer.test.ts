import { describe, expect, it } from 'vitest';
import { sha256Fingerprint } from '../host-key-fingerprint.js';
import { generateTestKey } from '../testing/test-keys.js';
import { knownHostsAnswer } from './known-hosts-answer.js';

const ed25519Blob = (): Buffer => generateTestKey().publicBlob;

describe('knownHostsAnswer', () => {
  const blob = ed25519Blob();
  const pinned = { keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(blob) };
  const base64 = blob.toString('base64');

  it('prints a known_hosts line for exactly the pinned key', () => {
    expect(knownHostsAnswer(pinned, 'crossdock-abc', 'ssh-ed25519', base64)).toBe(
      `crossdock-abc ssh-ed25519 ${base64}`,
    );
  });

  it('prints nothing for another key, a wrong type, no pin, or no key offered', () => {
    const other = ed25519Blob().toString('base64');
    expect(knownHostsAnswer(pinned, 'crossdock-abc', 'ssh-ed25519', other)).toBeNull();
    expect(knownHostsAnswer(pinned, 'crossdock-abc', 'ssh-rsa', base64)).toBeNull();
    expect(knownHostsAnswer(null, 'crossdock-abc', 'ssh-ed25519', base64)).toBeNull();
    // ssh runs the command once with no key while it orders its algorithms.
    expect(knownHostsAnswer(pinned, 'crossdock-abc', '', '')).toBeNull();
    expect(knownHostsAnswer(pinned, 'crossdock-abc', 'ssh-ed25519', 'not base64!')).toBeNull();
  });

  it('never echoes a host pattern that could break the line', () => {
    expect(knownHostsAnswer(pinned, 'a b', 'ssh-ed25519', base64)).toBeNull();
    expect(knownHostsAnswer(pinned, 'x\nevil ssh-ed25519 AAAA', 'ssh-ed25519', base64)).toBeNull();
  });
});
