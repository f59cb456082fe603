import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostConnectionPool } from './connection-pool.js';
import { HostConnection, type HostConnectionOptions, type HostStatusEvent } from './host-connection.js';
import type { HostKeyTrust } from './ssh-target.js';
import { startFakeSshServer, type FakeSshServer } from './testing/fake-ssh-server.js';
import { generateTestKey, type TestKeyPair } from './testing/test-keys.js';

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

function connection(
  port: number,
  hostKey: HostKeyTrust,
  options: HostConnectionOptions = {},
  privateKey = userKey.privateKey,
) {
  const made = new HostConnection(
    { hostId: 'h1', address: '127.0.0.1', port, username: 'deploy', privateKey, hostKey },
    { connectTimeoutMs: 2_000, reconnect: { enabled: false }, ...options },
  );
  const events: HostStatusEvent[] = [];
  made.onStatus((event) => events.push(event));
  cleanups.push(() => made.dispose());
  return { made, events };
}

/** A port with nothing listening: bound once, then closed. */
async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('HostConnection', () => {
  it('logs in with the pinned host key, runs commands and reports its status', async () => {
    const fake = await server();
    const { made, events } = connection(fake.port, { pinnedFingerprint: fake.hostKey.fingerprint });
    await made.activate();
    const result = await made.exec('uptime');
    expect(result).toEqual({ stdout: 'ran: uptime\n', stderr: '', exitCode: 0, exitSignal: null });
    expect(events.map((e) => e.status)).toEqual(['connecting', 'connected']);
    expect(events[1]?.hostKey).toEqual({
      keyType: 'ssh-ed25519',
      fingerprint: fake.hostKey.fingerprint,
      source: 'pinned',
    });
    expect(made.endpoint).toBe(`deploy@127.0.0.1:${fake.port}`);
    await expect.poll(() => made.openChannels).toBe(0);
  });

  it('shares one login between concurrent callers', async () => {
    const fake = await server();
    const { made } = connection(fake.port, { pinnedFingerprint: fake.hostKey.fingerprint });
    await Promise.all([made.exec('a'), made.exec('b'), made.activate(), made.exec('c')]);
    expect(fake.logins).toBe(1);
    expect(fake.clients.size).toBe(1);
  });

  it('refuses a changed host key before authenticating, naming both fingerprints', async () => {
    const fake = await server();
    const old = generateTestKey().fingerprint;
    const { made, events } = connection(fake.port, { pinnedFingerprint: old });
    const error = await made.activate().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'HOST_KEY_MISMATCH',
      details: { fingerprint: fake.hostKey.fingerprint, expectedFingerprints: [old] },
    });
    expect(String((error as Error).message)).toContain(`deploy@127.0.0.1:${fake.port}`);
    expect(String((error as Error).message)).toContain(old);
    expect(fake.authAttempts).toBe(0);
    expect(events.at(-1)).toMatchObject({ status: 'error', error: { code: 'HOST_KEY_MISMATCH' } });
    expect(events.at(-1)?.retryInMs).toBeUndefined();
  });

  it('asks about an unknown key, or trusts it on first use when told to', async () => {
    const fake = await server();
    const asked = connection(fake.port, {}).made;
    await expect(asked.activate()).rejects.toMatchObject({
      code: 'HOST_KEY_UNKNOWN',
      details: { fingerprint: fake.hostKey.fingerprint, keyType: 'ssh-ed25519' },
    });
    expect(fake.authAttempts).toBe(0);
    const trusting = connection(fake.port, { trustOnFirstUse: true }).made;
    await trusting.activate();
    expect(trusting.hostKey).toEqual({
      keyType: 'ssh-ed25519',
      fingerprint: fake.hostKey.fingerprint,
      source: 'first-use',
    });
  });

  it('maps a refused key to AUTH_FAILED and does not retry it', async () => {
    const fake = await server();
    const { made, events } = connection(
      fake.port,
      { pinnedFingerprint: fake.hostKey.fingerprint },
      { reconnect: { enabled: true, initialDelayMs: 10 } },
      generateTestKey().privateKey,
    );
    await expect(made.activate()).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining(`deploy@127.0.0.1:${fake.port}`),
    });
    expect(events.at(-1)?.retryInMs).toBeUndefined();
  });

  it('reports HOST_UNREACHABLE for a closed port and for a silent one within the timeout', async () => {
    const closed = connection(await unusedPort(), { trustOnFirstUse: true }).made;
    await expect(closed.activate()).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
      details: { reason: 'ECONNREFUSED' },
    });

    // Accepts TCP, never says a word: only the connect timeout ends the wait.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          sockets.forEach((socket) => socket.destroy());
          silent.close(() => resolve());
        }),
    );
    const silentPort = (silent.address() as AddressInfo).port;
    const slow = connection(silentPort, { trustOnFirstUse: true }, { connectTimeoutMs: 300 }).made;
    let started = Date.now();
    await expect(slow.activate()).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
      message: expect.stringContaining('300 ms'),
    });
    expect(Date.now() - started).toBeLessThan(1_500);

    // Disposing ends a login in flight at once instead of leaving it to its timeout.
    const abandoned = connection(silentPort, { trustOnFirstUse: true }, { connectTimeoutMs: 10_000 }).made;
    started = Date.now();
    const attempt = abandoned.activate();
    await abandoned.dispose();
    await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reconnects with back-off after the server drops the connection', async () => {
    const fake = await server();
    const { made, events } = connection(
      fake.port,
      { pinnedFingerprint: fake.hostKey.fingerprint },
      { reconnect: { enabled: true, initialDelayMs: 20, maxDelayMs: 100 } },
    );
    await made.activate();
    fake.dropClients();
    await expect
      .poll(() => events.map((e) => e.status).join(','))
      .toBe('connecting,connected,disconnected,connecting,connected');
    expect(events[2]?.retryInMs).toBe(20);
    expect((await made.exec('again')).stdout).toBe('ran: again\n');
  });

  it('fails every call after dispose', async () => {
    const fake = await server();
    const { made } = connection(fake.port, { pinnedFingerprint: fake.hostKey.fingerprint });
    await made.activate();
    await made.dispose();
    expect(made.status).toBe('disconnected');
    await expect(made.exec('x')).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });
});

describe('HostConnectionPool', () => {
  it('keeps one connection per host id and closes it on remove', async () => {
    const fake = await server();
    const pool = new HostConnectionPool({ reconnect: { enabled: false } });
    cleanups.push(() => pool.dispose());
    const target = {
      hostId: 'h1',
      address: '127.0.0.1',
      port: fake.port,
      username: 'deploy',
      privateKey: userKey.privateKey,
      hostKey: { trustOnFirstUse: true },
    };
    const statuses: string[] = [];
    pool.onStatus((event) => statuses.push(`${event.hostId}:${event.status}`));
    const first = pool.get(target);
    await first.exec('one');
    // Pinning the key that first use accepted keeps the working connection.
    const second = pool.get({ ...target, hostKey: { pinnedFingerprint: first.hostKey!.fingerprint } });
    expect(second).toBe(first);
    await second.exec('two');
    expect(fake.logins).toBe(1);
    // Another address (here: the same one by another name) is another login: a new connection.
    const third = pool.get({ ...target, address: 'localhost' });
    expect(third).not.toBe(first);
    await expect.poll(() => first.status).toBe('disconnected');
    expect(pool.size).toBe(1);
    await pool.remove('h1');
    expect(pool.peek('h1')).toBeUndefined();
    expect(statuses).toEqual(['h1:connecting', 'h1:connected', 'h1:disconnected']);
  });
});
