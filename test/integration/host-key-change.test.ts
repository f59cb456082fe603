// A machine whose host keys are regenerated (a reinstalled server, or someone in the middle) is
// refused on the next connection with HOST_KEY_MISMATCH naming both fingerprints, before any
// login attempt. Uses crossdock-docker-2, which no other test file touches.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostConnection, type HostStatusEvent } from '../../electron/core/ssh/host-connection.js';
import { parseKnownHosts } from '../../electron/core/ssh/known-hosts.js';
import type { HostKeyTrust } from '../../electron/core/ssh/ssh-target.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigMachine } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

const run = promisify(execFile);
let machine: DockerRigMachine;
let privateKey: Buffer;
const opened: HostConnection[] = [];

beforeAll(async () => {
  const rig = await upDockerRig(2);
  machine = machineNamed(rig, 'crossdock-docker-2');
  privateKey = readFileSync(rig.keyPath);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.dispose()));
});

function connect(hostKey: HostKeyTrust): { connection: HostConnection; events: HostStatusEvent[] } {
  const connection = new HostConnection(
    { hostId: machine.name, address: machine.address, port: machine.port, username: 'tester', privateKey, hostKey },
    { connectTimeoutMs: 10_000, reconnect: { enabled: true, initialDelayMs: 50 } },
  );
  const events: HostStatusEvent[] = [];
  connection.onStatus((event) => events.push(event));
  opened.push(connection);
  return { connection, events };
}

/** New host keys, the way the rig README says; sshd (PID 1) re-executes itself on SIGHUP. */
async function regenerateHostKeys(): Promise<string> {
  const before = await machineHostKeyFingerprint(machine.name);
  await onMachine(machine.name, 'rm /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && kill -HUP 1');
  await expect
    .poll(() => onMachine(machine.name, "ss -Htln '( sport = :22 )' | wc -l").then(Number))
    .toBeGreaterThan(0);
  const after = await machineHostKeyFingerprint(machine.name);
  expect(after).not.toBe(before);
  return after;
}

describe('changed host key', () => {
  it('refuses the next connection with HOST_KEY_MISMATCH naming both fingerprints, without logging in', async () => {
    const oldFingerprint = await machineHostKeyFingerprint(machine.name);
    const { connection, events } = connect({ pinnedFingerprint: oldFingerprint, pinnedKeyType: 'ssh-ed25519' });
    expect((await connection.exec('hostname')).stdout.trim()).toBe(machine.name);

    const newFingerprint = await regenerateHostKeys();
    // The open connection lives on (its keys were agreed at login); the next login is refused.
    expect((await connection.exec('true')).exitCode).toBe(0);
    const since = new Date().toISOString();
    const error = await connection.reconnect().then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toMatchObject({
      code: 'HOST_KEY_MISMATCH',
      details: {
        host: `tester@${machine.address}:22`,
        expectedFingerprints: [oldFingerprint],
        fingerprint: newFingerprint,
      },
    });
    const message = (error as Error).message;
    expect(message).toContain(`tester@${machine.address}:22`);
    expect(message).toContain(oldFingerprint);
    expect(message).toContain(newFingerprint);
    // A host key refusal is final: no reconnect is scheduled.
    expect(events.at(-1)).toMatchObject({ status: 'error', error: { code: 'HOST_KEY_MISMATCH' } });
    expect(events.at(-1)?.retryInMs).toBeUndefined();
    // sshd's log (the container's): we hung up during key exchange (reason 3,
    // KEY_EXCHANGE_FAILED), before authentication, and no key was ever offered.
    const { stdout, stderr } = await run('docker', ['logs', '--since', since, machine.name]);
    const log = stdout + stderr;
    expect(log).toMatch(/Received disconnect from 10\.213\.0\.1 port \d+:3: .*\[preauth\]/);
    expect(log).not.toMatch(/publickey|Accepted|Failed|Postponed/);
  });

  it('refuses a changed key recorded in known_hosts too, and accepts it once the user re-pins', async () => {
    const oldKey = (await onMachine(machine.name, 'cat /etc/ssh/ssh_host_ed25519_key.pub'))
      .split(' ')
      .slice(0, 2)
      .join(' ');
    const knownHosts = parseKnownHosts(`${machine.address} ${oldKey}\n`);
    await connect({ knownHosts }).connection.activate();

    const newFingerprint = await regenerateHostKeys();
    await expect(connect({ knownHosts }).connection.activate()).rejects.toMatchObject({
      code: 'HOST_KEY_MISMATCH',
      details: { fingerprint: newFingerprint },
    });
    const repinned = connect({ knownHosts, pinnedFingerprint: newFingerprint }).connection;
    await repinned.activate();
    expect(repinned.hostKey).toMatchObject({ source: 'pinned', fingerprint: newFingerprint });
  });
});
