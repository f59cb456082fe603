// The hosts and Docker API end to end, the way the app, the web mode and the CLI use it: a real
// core (vault, keys, inventory, pooled SSH connections) against rig machines running their own
// Docker engines. Uses crossdock-docker-1, -3 and -nofwd; crossdock-docker-2 belongs to
// host-key-change.test.ts. The host-key change here happens last, on crossdock-docker-3.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CrossdockError,
  type CrossdockApi,
  type CrossdockEvents,
  type DockerChange,
  type HostInfo,
  type RpcClient,
} from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo, DockerRigMachine } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';
import { sessionHoldings, sessionPid } from './ssh-session-probe.js';

const PASSPHRASE = 'integration-passphrase';
const CONNECT_TIMEOUT_MS = 4_000;
let rig: DockerRigInfo;
let machines: DockerRigMachine[];
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;
let keyId: string;
const hosts = new Map<string, HostInfo>();

async function failure(promise: Promise<unknown>): Promise<CrossdockError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CrossdockError)) throw new Error(`expected a CrossdockError, got ${String(error)}`);
  return error;
}

function addArgs(machine: DockerRigMachine, name: string, fingerprint?: string) {
  return {
    kind: 'ssh' as const,
    name,
    address: machine.address,
    port: machine.port,
    user: 'root',
    keyId,
    ...(fingerprint ? { trust: { fingerprint } } : {}),
  };
}

beforeAll(async () => {
  rig = await upDockerRig(3);
  machines = ['crossdock-docker-1', 'crossdock-docker-3', 'crossdock-docker-nofwd'].map((name) =>
    machineNamed(rig, name),
  );
  const script = [
    'docker rm -f api-ticker api-stopped >/dev/null 2>&1 || true',
    `docker run -d --name api-ticker ${rig.testImage} sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done' >/dev/null`,
    `docker create --name api-stopped ${rig.testImage} >/dev/null`,
  ].join(' && ');
  await Promise.all(machines.map((m) => onMachine(m.name, script)));
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-hosts-api-'));
  core = createCore({
    dataDir,
    mode: 'test',
    knownHostsPaths: [],
    connection: { connectTimeoutMs: CONNECT_TIMEOUT_MS, reconnect: { enabled: false } },
  });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: PASSPHRASE });
  keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
});

afterAll(async () => {
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('hosts over SSH', () => {
  it('asks to trust an unknown host key, showing its fingerprint, and pins the one confirmed', async () => {
    const machine = machines[0] as DockerRigMachine;
    const expected = await machineHostKeyFingerprint(machine.name);
    const unknown = await failure(client.api.hosts.add(addArgs(machine, 'docker-1')));
    expect(unknown.code).toBe('HOST_KEY_UNKNOWN');
    expect(unknown.details.fingerprint).toBe(expected);
    expect(await client.api.hosts.list({})).toEqual([]);

    const added = await client.api.hosts.add(addArgs(machine, 'docker-1', expected));
    expect(added).toMatchObject({ name: 'docker-1', hostKey: { fingerprint: expected }, hasCredential: true });
    expect(JSON.stringify(added)).not.toMatch(/PRIVATE KEY/);
    hosts.set(machine.name, added);
    for (const other of machines.slice(1)) {
      hosts.set(
        other.name,
        await client.api.hosts.add(
          addArgs(other, other.name.replace('crossdock-', ''), await machineHostKeyFingerprint(other.name)),
        ),
      );
    }
    await expect
      .poll(async () => (await client.api.hosts.list({})).map((h) => h.status))
      .toEqual(['connected', 'connected', 'connected']);
  });

  it("lists each host's containers exactly as the docker CLI on that host does", async () => {
    const { items, failures } = await client.api.docker.containers({ all: true });
    expect(failures).toEqual([]);
    for (const machine of machines) {
      const host = hosts.get(machine.name) as HostInfo;
      const cli = (await onMachine(machine.name, "docker ps -a --no-trunc --format '{{.ID}} {{.Names}} {{.State}}'"))
        .trim()
        .split('\n')
        .sort();
      const ours = items
        .filter((c) => c.hostId === host.id)
        .map((c) => `${c.id} ${c.name} ${c.state}`)
        .sort();
      expect(ours, machine.name).toEqual(cli);
    }
    const running = await client.api.docker.containers({ all: false, hosts: ['docker-1'] });
    expect(running.items.map((c) => c.name)).toContain('api-ticker');
    expect(running.items.map((c) => c.name)).not.toContain('api-stopped');
  });

  it('shows a container started behind its back through Docker events, without polling', async () => {
    const machine = machines[0] as DockerRigMachine;
    const host = hosts.get(machine.name) as HostInfo;
    const changes: DockerChange[] = [];
    const subscription = client.subscribe('docker.changed', (change) => changes.push(change));
    await subscription.ready;
    await client.api.docker.containers({ all: true, hosts: [host.id] }); // starts the host's event stream
    const name = `behind-${Date.now()}`;
    const id = (await onMachine(machine.name, `docker run -d --name ${name} ${rig.testImage} sleep 300`)).trim();
    await expect
      .poll(() => changes.filter((c) => c.hostId === host.id && c.id === id).map((c) => c.action), { timeout: 15_000 })
      .toContain('start');
    subscription.unsubscribe();
    expect((await client.api.docker.containers({ all: false, hosts: [host.id] })).items.map((c) => c.name)).toContain(
      name,
    );
    await onMachine(machine.name, `docker rm -f ${name} >/dev/null`);
  });

  it('streams logs, follows them until cancelled, and runs commands with their exit code', async () => {
    const text: string[] = [];
    const count = await client.api.docker.logs(
      { host: 'docker-1', container: 'api-ticker', follow: false, tail: 5 },
      { onChunk: (c) => text.push(c.text) },
    );
    expect(count).toBeGreaterThan(0);
    expect(text.join('')).toMatch(/^tick \d+\n/);

    const followed: string[] = [];
    const controller = new AbortController();
    const follow = client.api.docker.logs(
      { host: 'docker-1', container: 'api-ticker', follow: true, tail: 0 },
      { signal: controller.signal, onChunk: (c) => followed.push(c.text) },
    );
    await expect.poll(() => followed.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    controller.abort();
    expect((await failure(follow)).code).toBe('CANCELLED');

    const output: string[] = [];
    const exitCode = await client.api.docker.exec(
      {
        host: 'docker-3',
        container: 'api-ticker',
        command: ['sh', '-c', 'echo "hello from $(hostname)"; exit 3'],
        tty: false,
      },
      { onChunk: (chunk) => chunk.kind === 'output' && output.push(chunk.data) },
    );
    expect(exitCode).toBe(3);
    expect(output.join('')).toMatch(/^hello from [0-9a-f]{12}\n$/);
    expect(
      (await failure(client.api.docker.logs({ host: 'docker-1', container: 'no-such', follow: false }))).message,
    ).toContain('docker-1');
  });

  it('leaves no channel open on the host after 20 log streams are closed', async () => {
    const host = hosts.get('crossdock-docker-1') as HostInfo;
    const connection = core.runtime.pool.peek(host.id);
    if (!connection) throw new Error('docker-1 has no pooled connection');
    const pid = await sessionPid(connection);
    const baseline = await sessionHoldings('crossdock-docker-1', pid);
    // The host's Docker event stream stays open throughout: that one is meant to.
    const baselineChannels = connection.openChannels;
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController();
      let chunks = 0;
      const call = client.api.docker.logs(
        { host: host.id, container: 'api-ticker', follow: true, tail: 1 },
        { signal: controller.signal, onChunk: () => chunks++ },
      );
      await expect.poll(() => chunks, { timeout: 10_000 }).toBeGreaterThan(0);
      controller.abort();
      await call.catch(() => undefined);
    }
    await expect.poll(() => connection.openChannels, { timeout: 10_000 }).toBe(baselineChannels);
    await expect.poll(() => sessionHoldings('crossdock-docker-1', pid), { timeout: 10_000 }).toEqual(baseline);
  });

  it('lists servers added by SSH as machines from provider ssh, which it will not destroy', async () => {
    const machines = await client.api.machines.list({});
    const docker1 = machines.find((m) => m.name === 'docker-1');
    expect(docker1).toMatchObject({
      providerKind: 'ssh',
      state: 'running',
      address: machines.length > 0 ? (hosts.get('crossdock-docker-1') as HostInfo).address : null,
    });
    await expect(client.api.machines.remove({ machine: 'docker-1' })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect((await client.api.hosts.list({})).map((h) => h.name)).toContain('docker-1');
  });

  it('prints the containers of every host as JSON from the CLI', () => {
    const result = spawnSync(process.execPath, ['bin/crossdock.mjs', 'ps', '-a', '--json'], {
      env: { ...process.env, CROSSDOCK_HOME: dataDir, CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(['host', 'id', 'image', 'name', 'ports', 'state', 'status']);
    expect(new Set(rows.map((r) => r.host))).toEqual(new Set(['docker-1', 'docker-3', 'docker-nofwd']));
  });

  it('fails to add an address where nothing listens with HOST_UNREACHABLE within the timeout', async () => {
    const started = Date.now();
    // An address on the rig's own network where no machine runs.
    const error = await failure(
      client.api.hosts.add({
        kind: 'ssh',
        name: 'nowhere',
        address: '10.213.0.250',
        port: 22,
        user: 'root',
        keyId,
        trust: { firstUse: true },
      }),
    );
    expect(error.code).toBe('HOST_UNREACHABLE');
    expect(error.message).toContain('10.213.0.250');
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 3_000);
  });

  it('fails with AUTH_FAILED, naming the host, when the key is not authorised', async () => {
    const stranger = await client.api.keys.generate({ name: 'stranger' });
    const machine = machines[0] as DockerRigMachine;
    const error = await failure(
      client.api.hosts.add({
        ...addArgs(machine, 'wrong-key', await machineHostKeyFingerprint(machine.name)),
        keyId: stranger.id,
      }),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain(machine.address);
  });

  it('refuses a host whose key changed with HOST_KEY_MISMATCH naming both fingerprints', async () => {
    const machine = machines[1] as DockerRigMachine;
    const host = hosts.get(machine.name) as HostInfo;
    const before = host.hostKey?.fingerprint ?? '';
    await onMachine(machine.name, 'rm /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && kill -HUP 1');
    await expect.poll(() => machineHostKeyFingerprint(machine.name)).not.toBe(before);
    await expect
      .poll(() => onMachine(machine.name, "ss -Htln '( sport = :22 )' | wc -l").then(Number))
      .toBeGreaterThan(0);
    const after = await machineHostKeyFingerprint(machine.name);
    const error = await failure(client.api.hosts.connect({ host: host.id }));
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toContain(before);
    expect(error.message).toContain(after);
    const listed = (await client.api.hosts.list({})).find((h) => h.id === host.id);
    expect(listed?.status).toBe('error');
    expect(listed?.statusError?.code).toBe('HOST_KEY_MISMATCH');

    // Re-pinning takes only the fingerprint the user verified; then the host works again.
    expect((await failure(client.api.hosts.trustHostKey({ host: host.id, fingerprint: before }))).code).toBe(
      'HOST_KEY_MISMATCH',
    );
    const repinned = await client.api.hosts.trustHostKey({ host: host.id, fingerprint: after });
    expect(repinned.hostKey?.fingerprint).toBe(after);
    expect((await client.api.docker.containers({ all: true, hosts: [host.id] })).failures).toEqual([]);
  });
});
