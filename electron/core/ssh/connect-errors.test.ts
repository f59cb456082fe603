import { describe, expect, it } from 'vitest';
import { toConnectError } from './connect-errors.js';
import { openSshClient } from './open-client.js';
import { generateTestKey } from './testing/test-keys.js';

const host = 'deploy@192.0.2.1:22';
const timing = { connectTimeoutMs: 1_000, keepaliveIntervalMs: 0, keepaliveCountMax: 3 };

describe('toConnectError', () => {
  it.each([
    [
      Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }),
      'AUTH_FAILED',
    ],
    [
      Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }),
      'HOST_UNREACHABLE',
    ],
    [
      Object.assign(new Error('connect EHOSTUNREACH'), { level: 'client-socket', code: 'EHOSTUNREACH' }),
      'HOST_UNREACHABLE',
    ],
    [Object.assign(new Error('getaddrinfo ENOTFOUND nowhere'), { code: 'ENOTFOUND' }), 'HOST_UNREACHABLE'],
  ])('maps "%s" to %s, naming the host', (error, code) => {
    const mapped = toConnectError(error, host, 1_000);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain(host);
    expect(mapped.details['host']).toBe(host);
  });

  it('says when the private key needs a passphrase, or cannot be read with the one given', async () => {
    const encrypted = generateTestKey({ passphrase: 'right' }).privateKey;
    const target = {
      hostId: 'h',
      address: '192.0.2.1',
      port: 22,
      username: 'deploy',
      privateKey: encrypted,
      hostKey: {},
    };
    await expect(openSshClient(target, timing)).rejects.toMatchObject({ code: 'KEY_PASSPHRASE_REQUIRED' });
    await expect(openSshClient({ ...target, passphrase: 'wrong' }, timing)).rejects.toMatchObject({
      code: 'KEY_INVALID',
    });
    await expect(openSshClient({ ...target, privateKey: 'not a key' }, timing)).rejects.toMatchObject({
      code: 'KEY_INVALID',
    });
  });
});
