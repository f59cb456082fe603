import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/index.js';
import { openSshClient } from './open-client.js';
import type { DeferredPrivateKey, SshTarget } from './ssh-target.js';
import { sameLogin } from './ssh-target.js';
import { startFakeSshServer, type FakeSshServer } from './testing/fake-ssh-server.js';
import { generateTestKey, type TestKeyPair } from './testing/test-keys.js';

// The CLI starts SSH logins while the vault's scrypt runs: the key arrives after the key exchange.
let userKey: TestKeyPair;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(() => {
  userKey = generateTestKey();
});

async function server(): Promise<FakeSshServer> {
  const started = await startFakeSshServer(userKey);
  cleanups.push(() => started.close());
  return started;
}

function target(fake: FakeSshServer, privateKey: SshTarget['privateKey']): SshTarget {
  return {
    hostId: 'h1',
    address: '127.0.0.1',
    port: fake.port,
    username: 'deploy',
    privateKey,
    keyId: 'k1',
    hostKey: { pinnedFingerprint: fake.hostKey.fingerprint },
  };
}

/** A key whose load waits until `release` is called. */
function deferred(value: () => Promise<Buffer>): DeferredPrivateKey & { asked: number; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const key = {
    keyId: 'k1',
    asked: 0,
    release,
    load: async () => {
      key.asked++;
      await gate;
      return value();
    },
  };
  return key;
}

const options = { connectTimeoutMs: 5_000, keepaliveIntervalMs: 0, keepaliveCountMax: 3 };

describe('a login whose key arrives later', () => {
  it('asks for the key only after the host key was checked, then logs in once it comes', async () => {
    const fake = await server();
    const key = deferred(async () => Buffer.from(userKey.privateKey));
    const opening = openSshClient(target(fake, key), options);
    await expect.poll(() => key.asked).toBe(1);
    // The key exchange is done and the host key accepted; nothing was sent to authenticate yet.
    expect(fake.authAttempts).toBe(0);
    key.release();
    const opened = await opening;
    cleanups.push(() => void opened.client.end());
    expect(opened.hostKeySource).toBe('pinned');
    expect(fake.logins).toBe(1);
  });

  it('fails with the reason the key could not be had (a vault that stayed locked), not "auth failed"', async () => {
    const fake = await server();
    const locked = new CrossdockError('VAULT_LOCKED', 'The vault is locked.');
    const key = deferred(async () => Promise.reject(locked));
    key.release();
    await expect(openSshClient(target(fake, key), options)).rejects.toBe(locked);
    expect(fake.logins).toBe(0);
  });

  it('says an unreadable key is unreadable (ssh2 alone would skip it and report an auth failure)', async () => {
    const fake = await server();
    const key = deferred(async () => Buffer.from('not a key'));
    key.release();
    await expect(openSshClient(target(fake, key), options)).rejects.toMatchObject({ code: 'KEY_INVALID' });
    expect(fake.authAttempts).toBe(0);
  });

  it('counts as the same login as the loaded key of the same id, and not as another key', async () => {
    const fake = await server();
    const later = target(
      fake,
      deferred(async () => Buffer.alloc(0)),
    );
    expect(sameLogin(later, target(fake, Buffer.from(userKey.privateKey)))).toBe(true);
    expect(sameLogin(later, { ...target(fake, Buffer.from(userKey.privateKey)), keyId: 'k2' })).toBe(false);
    expect(sameLogin(later, { ...later, keyId: undefined })).toBe(false);
  });
});
