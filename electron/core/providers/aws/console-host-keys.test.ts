import { describe, expect, it } from 'vitest';
import { consoleHostKeyFingerprints } from './console-host-keys.js';

// Keys made with ssh-keygen; the fingerprints are what `ssh-keygen -lf` printed for them.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG/DBRWNkY7g05w/Qavezom8I6hjazQ6uUkwJ41osZge';
const ED25519_FP = 'SHA256:bYTpg2LughQoDLYyQOgyZ6o4wzy08kOzhmTA+hY4ieg';
const ECDSA =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNH1gk7YsvfleLEhSgOZkkHwNdW7fclHYHHuHoe8/xh3/gQkDeMsAZumBGC2g7F/1ekQCto0aT9KffYvA8PX8T8=';
const ECDSA_FP = 'SHA256:CeGbzDoN9KQ4hmh0urir1QmHEY2XTY7kMngOq23jZbw';

const block = (...lines: string[]) =>
  ['-----BEGIN SSH HOST KEY KEYS-----', ...lines, '-----END SSH HOST KEY KEYS-----'].join('\n');

describe('consoleHostKeyFingerprints', () => {
  it('fingerprints every key of the block like ssh-keygen -l', () => {
    const text = `[    0.0] Linux version 6.1\nci-info: something\n${block(`${ECDSA} root@ip-10-0-0-1`, `${ED25519} root@ip-10-0-0-1`)}\nlogin: `;
    expect(consoleHostKeyFingerprints(text)).toEqual([ECDSA_FP, ED25519_FP]);
  });

  it('is null while cloud-init has not printed the block (or only half of it)', () => {
    expect(consoleHostKeyFingerprints('')).toBeNull();
    expect(
      consoleHostKeyFingerprints('[    0.0] booting\n-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 AAAA'),
    ).toBeNull();
  });

  it('reads the last boot when the console holds several', () => {
    const text = `${block(`${ECDSA} old`)}\nreboot\n${block(`${ED25519} new`)}\n`;
    expect(consoleHostKeyFingerprints(text)).toEqual([ED25519_FP]);
  });

  it('skips lines that are not well-formed keys (type and blob must agree)', () => {
    const lying = `ssh-rsa ${ED25519.split(' ')[1]}`;
    const text = block('garbage', lying, 'ssh-ed25519 !!!notbase64', `${ED25519}`, '\r');
    expect(consoleHostKeyFingerprints(text)).toEqual([ED25519_FP]);
    expect(consoleHostKeyFingerprints(block('garbage'))).toBeNull();
  });

  it('accepts CRLF consoles', () => {
    expect(consoleHostKeyFingerprints(block(ED25519).replaceAll('\n', '\r\n'))).toEqual([ED25519_FP]);
  });
});
