// The host connection against real sshd (the rig's plain machines): host key policy, error codes
// naming the host, exec with pty and stdin, cancellation that leaves nothing behind, reconnect.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import {
  HostConnection,
  type HostConnectionOptions,
  type HostStatusEvent,
} from '../../electron/core/ssh/host-connection.js';
import { readKnownHostsFile } from '../../electron/core/ssh/known-hosts.js';
import type { HostKeyTrust } from '../../electron/core/ssh/ssh-target.js';
import { generateTestKey } from '../../electron/core/ssh/testing/test-keys.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { onMachine } from './docker-rig.js';
import { sessionHoldings, sessionPid } from './ssh-session-probe.js';

const rig = inject('rig');
const machine = rig.machines[0]!;
const privateKey = readFileSync(rig.keyPath);
const run = promisify(execFile);

const opened: HostConnection[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.dispose()));
});
const scratch = mkdtempSync(join(tmpdir(), 'crossdock-ssh-it-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function connect(
  user: string,
  hostKey: HostKeyTrust,
  options: HostConnectionOptions = {},
  address = machine.address,
  port = machine.port,
) {
  const connection = new HostConnection(
    { hostId: `${address}-${user}`, address, port, username: user, privateKey, hostKey },
    { connectTimeoutMs: 5_000, reconnect: { enabled: false }, ...options },
  );
  const events: HostStatusEvent[] = [];
  connection.onStatus((event) => events.push(event));
  opened.push(connection);
  return { connection, events };
}

const pinned = async (): Promise<HostKeyTrust> => ({
  pinnedFingerprint: await machineHostKeyFingerprint(machine.name),
  pinnedKeyType: 'ssh-ed25519',
});

describe('SSH host connection (real sshd)', () => {
  it('logs in with the pinned host key and runs commands, with stdin and with a pty', async () => {
    const { connection, events } = connect('tester', await pinned());
    await connection.activate();
    expect(events.map((e) => e.status)).toEqual(['connecting', 'connected']);
    expect(events[1]?.hostKey?.source).toBe('pinned');
    expect(await connection.exec('id -un; sudo -n id -un; echo oops >&2; exit 3')).toEqual({
      stdout: 'tester\nroot\n',
      stderr: 'oops\n',
      exitCode: 3,
      exitSignal: null,
    });
    expect((await connection.exec('tr a-z A-Z', { stdin: 'piped in' })).stdout).toBe('PIPED IN');
    expect((await connection.exec('tty', { pty: true })).stdout).toMatch(/^\/dev\/pts\/\d+/);
    await expect.poll(() => connection.openChannels).toBe(0);
  });

  it('accepts a host found in a hashed known_hosts file made by ssh-keygen -H', async () => {
    const publicKey = (await onMachine(machine.name, 'cat /etc/ssh/ssh_host_ed25519_key.pub'))
      .split(' ')
      .slice(0, 2)
      .join(' ');
    const file = join(scratch, 'known_hosts');
    writeFileSync(file, `# made by the test\n${machine.address} ${publicKey}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/m);
    const { connection } = connect('tester', { knownHosts: await readKnownHostsFile(file) });
    await connection.activate();
    expect(connection.hostKey).toMatchObject({
      source: 'known-hosts',
      fingerprint: await machineHostKeyFingerprint(machine.name),
    });
  });

  it('asks about an unknown host key with its real fingerprint, or trusts it on first use', async () => {
    const real = await machineHostKeyFingerprint(machine.name);
    const asking = connect('tester', {}).connection;
    await expect(asking.activate()).rejects.toMatchObject({
      code: 'HOST_KEY_UNKNOWN',
      details: { fingerprint: real, keyType: 'ssh-ed25519', host: `tester@${machine.address}:22` },
    });
    const trusting = connect('tester', { trustOnFirstUse: true }).connection;
    await trusting.activate();
    expect(trusting.hostKey).toEqual({ keyType: 'ssh-ed25519', fingerprint: real, source: 'first-use' });
  });

  it('fails with AUTH_FAILED, naming user@address:port, when the key is not accepted', async () => {
    const wrongKey = generateTestKey().privateKey;
    const connection = new HostConnection(
      {
        hostId: 'wrong-key',
        address: machine.address,
        port: 22,
        username: 'tester',
        privateKey: wrongKey,
        hostKey: await pinned(),
      },
      { reconnect: { enabled: false } },
    );
    opened.push(connection);
    await expect(connection.activate()).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining(`tester@${machine.address}:22`),
    });
  });

  it('fails with HOST_UNREACHABLE within the connect timeout where nothing answers', async () => {
    // On the rig's own network, an address no machine has: nothing answers ARP.
    const silent = connect(
      'tester',
      { trustOnFirstUse: true },
      { connectTimeoutMs: 2_000 },
      '10.213.0.250',
      22,
    ).connection;
    let started = Date.now();
    await expect(silent.activate()).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
      message: expect.stringContaining('tester@10.213.0.250:22'),
    });
    expect(Date.now() - started).toBeLessThan(2_000 + 1_000);

    // A machine that is up, on a port where nothing listens: refused at once.
    const closed = connect('tester', { trustOnFirstUse: true }, {}, machine.address, 2).connection;
    started = Date.now();
    await expect(closed.activate()).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
      details: { reason: 'ECONNREFUSED' },
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('cancels 20 exec streams without leaving a channel or process on either side', async () => {
    const { connection } = connect('tester', await pinned());
    const pid = await sessionPid(connection);
    // sshd allows 10 sessions per connection (MaxSessions): open them five at a time.
    for (let batch = 0; batch < 4; batch++) {
      const controllers = Array.from({ length: 5 }, () => new AbortController());
      const running = await Promise.all(
        controllers.map((c) => connection.execStream('echo started; exec sleep 1000', { signal: c.signal })),
      );
      await Promise.all(running.map((p) => new Promise((resolve) => p.stdout.once('data', resolve))));
      expect((await sessionHoldings(machine.name, pid)).children).toBe(5);
      controllers.forEach((c) => c.abort());
      await Promise.all(running.map((p) => p.exited));
      await expect.poll(() => connection.openChannels).toBe(0);
    }
    await expect
      .poll(() => sessionHoldings(machine.name, pid))
      .toEqual({ children: 0, unixSockets: expect.any(Number) });
  });

  it('as root, whose sessions sshd will not signal, still ends a cancelled command that writes', async () => {
    const { connection } = connect('root', await pinned());
    const pid = await sessionPid(connection);
    const controller = new AbortController();
    const ticking = connection.exec('while echo tick; do sleep 0.2; done', { signal: controller.signal });
    await expect.poll(async () => (await sessionHoldings(machine.name, pid)).children).toBe(1);
    controller.abort();
    await expect(ticking).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect.poll(() => connection.openChannels, { timeout: 5_000 }).toBe(0);
    await expect.poll(async () => (await sessionHoldings(machine.name, pid)).children, { timeout: 5_000 }).toBe(0);
  });

  it('reconnects by itself when the server side of the connection dies', async () => {
    const { connection, events } = connect('tester', await pinned(), {
      reconnect: { enabled: true, initialDelayMs: 100 },
    });
    const pid = await sessionPid(connection);
    await onMachine(machine.name, `kill ${pid}`);
    await expect
      .poll(() =>
        events
          .map((e) => e.status)
          .slice(2)
          .join(','),
      )
      .toBe('disconnected,connecting,connected');
    expect(events[2]?.retryInMs).toBe(100);
    expect(await sessionPid(connection)).not.toBe(pid);
  });
});
