import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostKeyFingerprintsFromSerial } from './host-keys.js';

// A real ed25519 public key line and the fingerprint `ssh-keygen -lf` prints for it.
const blob = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const expected = `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;

function serial(keys: string[]): string {
  return [
    '[    0.000000] Linux version 6.1.0',
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...keys,
    '-----END SSH HOST KEY KEYS-----',
    'web login: ',
  ].join('\n');
}

describe('hostKeyFingerprintsFromSerial', () => {
  it('fingerprints every key in the block without padding', () => {
    const fingerprints = hostKeyFingerprintsFromSerial(
      serial([`ssh-ed25519 ${blob} root@web`, 'ecdsa-sha2-nistp256 AAAAE2VjZHNh root@web']),
    );
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints?.[0]).toBe(expected);
    expect(fingerprints?.[0]).not.toMatch(/=$/);
  });

  it('uses the last block when the machine booted more than once', () => {
    const output = serial(['ssh-rsa AAAAB3NzaC1yc2E= old']) + serial([`ssh-ed25519 ${blob}`]);
    expect(hostKeyFingerprintsFromSerial(output)).toEqual([expected]);
  });

  it('is null without a complete block, and skips noise lines', () => {
    expect(hostKeyFingerprintsFromSerial('booting...')).toBeNull();
    expect(hostKeyFingerprintsFromSerial('-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 AAAA')).toBeNull();
    expect(hostKeyFingerprintsFromSerial(serial(['random noise']))).toBeNull();
    expect(hostKeyFingerprintsFromSerial(serial(['', `  ssh-ed25519 ${blob}\r`]))).toEqual([expected]);
  });
});
