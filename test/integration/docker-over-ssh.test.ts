// Docker over the host's one SSH connection, against machines running their own engine
// (`rig.sh up-docker`): stream-local forwarding, the dial-stdio fallback, non-root users, one
// login for many calls, and no channel left behind by cancelled log streams.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDockerEngine, sshDockerEngine, type DockerEngine } from '../../electron/core/docker/docker-engine.js';
import { HostConnectionPool } from '../../electron/core/ssh/connection-pool.js';
import type { HostConnection } from '../../electron/core/ssh/host-connection.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo, DockerRigMachine } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';
import { openLogins, sessionHoldings, sessionPid } from './ssh-session-probe.js';

const run = promisify(execFile);
let rig: DockerRigInfo;
let dockerMachine: DockerRigMachine;
let noForwarding: DockerRigMachine;
let privateKey: Buffer;
const pool = new HostConnectionPool({ connectTimeoutMs: 10_000, reconnect: { enabled: false } });
const engines: DockerEngine[] = [];

beforeAll(async () => {
  rig = await upDockerRig(2);
  dockerMachine = machineNamed(rig, 'crossdock-docker-1');
  noForwarding = machineNamed(rig, 'crossdock-docker-nofwd');
  privateKey = readFileSync(rig.keyPath);
  // Two containers from the test image on each machine, one running and one never started;
  // recreated each run, since machines are reused between runs.
  const script = [
    'docker rm -f crossdock-it-running crossdock-it-created >/dev/null 2>&1 || true',
    `docker run -d --name crossdock-it-running --label crossdock.it=1 ${rig.testImage} >/dev/null`,
    `docker create --name crossdock-it-created ${rig.testImage} >/dev/null`,
  ].join(' && ');
  await Promise.all([onMachine(dockerMachine.name, script), onMachine(noForwarding.name, script)]);
});

afterEach(async () => {
  engines.splice(0).forEach((engine) => engine.dispose());
  await pool.dispose();
});
afterAll(() => pool.dispose());

async function engineFor(
  machine: DockerRigMachine,
  user: string,
  socketPath?: string,
): Promise<{ engine: DockerEngine; connection: HostConnection }> {
  const connection = pool.get({
    hostId: `${machine.name}/${user}`,
    address: machine.address,
    port: machine.port,
    username: user,
    privateKey,
    hostKey: { pinnedFingerprint: await machineHostKeyFingerprint(machine.name), pinnedKeyType: 'ssh-ed25519' },
  });
  const engine = sshDockerEngine(connection, socketPath);
  engines.push(engine);
  return { engine, connection };
}

/** `docker ps -a` as id → name, from dockerode's answer. */
function byId(list: Dockerode.ContainerInfo[]): Record<string, string> {
  return Object.fromEntries(list.map((c) => [c.Id, (c.Names[0] ?? '').replace(/^\//, '')]));
}

/** `docker ps -a` as id → name, from the Docker CLI run over SSH on the machine itself. */
async function cliPs(connection: HostConnection, sudo = false): Promise<Record<string, string>> {
  // The machines run Docker 20.10, whose CLI predates `--format json`; '{{json .}}' is the same.
  const result = await connection.exec(`${sudo ? 'sudo -n ' : ''}docker ps -a --no-trunc --format '{{json .}}'`);
  expect(result.exitCode).toBe(0);
  const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
  const rows = lines.map((line) => JSON.parse(line) as { ID: string; Names: string });
  return Object.fromEntries(rows.map((row) => [row.ID, row.Names]));
}

describe('Docker over the host connection', () => {
  it('lists containers over a stream-local forward, the same as docker ps -a over SSH', async () => {
    const { engine, connection } = await engineFor(dockerMachine, 'root');
    const listed = byId(await engine.call((docker) => docker.listContainers({ all: true })));
    expect(await engine.transport()).toBe('stream-local');
    expect(Object.values(listed)).toEqual(expect.arrayContaining(['crossdock-it-running', 'crossdock-it-created']));
    expect(listed).toEqual(await cliPs(connection));
  });

  it('makes one SSH login for many Docker calls, over the forward and over dial-stdio', async () => {
    // deployer (in the docker group) logs in only here; the rig's own checks use root and tester.
    for (const [machine, transport] of [
      [dockerMachine, 'stream-local'],
      [noForwarding, 'dial-stdio'],
    ] as const) {
      await expect.poll(() => openLogins(machine.name, 'deployer')).toBe(0);
      const { engine } = await engineFor(machine, 'deployer');
      await Promise.all(Array.from({ length: 4 }, () => engine.call((docker) => docker.listContainers({ all: true }))));
      await Promise.all(Array.from({ length: 4 }, () => engine.call((docker) => docker.listImages())));
      for (let i = 0; i < 12; i++) await engine.ping();
      expect(await engine.transport()).toBe(transport);
      expect(await openLogins(machine.name, 'deployer')).toBe(1);
      expect(pool.size).toBe(1);
      await pool.dispose();
    }
  });

  it('falls back to docker system dial-stdio where sshd forbids stream-local forwarding', async () => {
    const { engine, connection } = await engineFor(noForwarding, 'root');
    const since = new Date().toISOString();
    await expect(connection.openStreamLocal('/var/run/docker.sock')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    // sshd's own word that this was its policy, not a missing socket (its log is the container's).
    const { stderr } = await run('docker', ['logs', '--since', since, noForwarding.name]);
    expect(stderr).toContain('refused streamlocal port forward');
    const listed = byId(await engine.call((docker) => docker.listContainers({ all: true })));
    expect(await engine.transport()).toBe('dial-stdio');
    expect(Object.values(listed)).toEqual(expect.arrayContaining(['crossdock-it-running', 'crossdock-it-created']));
    expect(listed).toEqual(await cliPs(connection));
  });

  it('works for non-root users: through the socket in the docker group, through sudo -n outside it', async () => {
    const expected = byId(
      await (await engineFor(dockerMachine, 'root')).engine.call((d) => d.listContainers({ all: true })),
    );
    const deployer = await engineFor(dockerMachine, 'deployer');
    const tester = await engineFor(dockerMachine, 'tester');
    expect(byId(await deployer.engine.call((d) => d.listContainers({ all: true })))).toEqual(expected);
    expect(byId(await tester.engine.call((d) => d.listContainers({ all: true })))).toEqual(expected);
    expect(await deployer.engine.transport()).toBe('stream-local');
    expect(await tester.engine.transport()).toBe('dial-stdio-sudo');
    // tester really is outside the group: its own CLI call is refused without sudo.
    expect((await tester.connection.exec('docker ps')).exitCode).not.toBe(0);
  });

  it('says DOCKER_UNAVAILABLE, naming the host, where no engine answers', async () => {
    const { engine } = await engineFor(dockerMachine, 'tester', '/run/no-engine-here.sock');
    await expect(engine.ping()).rejects.toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
      message: expect.stringContaining(`tester@${dockerMachine.address}:22`),
      details: { reason: expect.stringContaining('/run/no-engine-here.sock') },
    });
  });

  it.each([
    ['root', 'stream-local'],
    ['tester', 'dial-stdio-sudo'],
  ] as const)('as %s (%s): 20 cancelled log streams leave no channel open on either side', async (user, transport) => {
    const { engine, connection } = await engineFor(dockerMachine, user);
    const pid = await sessionPid(connection);
    await expect.poll(() => connection.openChannels).toBe(0);
    const baseline = await sessionHoldings(dockerMachine.name, pid);
    const container = engine.docker.getContainer('crossdock-it-running');
    // Five at a time: a dial-stdio stream is an SSH session, and sshd allows 10 per connection.
    for (let batch = 0; batch < 4; batch++) {
      const controllers = Array.from({ length: 5 }, () => new AbortController());
      const streams = await Promise.all(
        controllers.map((c) =>
          engine.call(() => container.logs({ follow: true, stdout: true, tail: 1, abortSignal: c.signal })),
        ),
      );
      await Promise.all(streams.map((s) => new Promise((resolve) => s.once('data', resolve))));
      expect(connection.openChannels).toBe(5);
      streams.forEach((s) => s.on('error', () => undefined));
      controllers.forEach((c) => c.abort());
      // (Waiting here also keeps the test fast: dockerd holds back a new follower's first bytes
      // while others are closing, until the container logs its next line.)
      await expect.poll(() => connection.openChannels, { timeout: 5_000 }).toBe(0);
    }
    expect(await engine.transport()).toBe(transport);
    await expect.poll(() => sessionHoldings(dockerMachine.name, pid), { timeout: 5_000 }).toEqual(baseline);
  });

  it('reaches the local engine on its UNIX socket as host "local"', async () => {
    const engine = localDockerEngine();
    engines.push(engine);
    const listed = byId(
      await engine.call((docker) => docker.listContainers({ all: true, filters: { name: ['crossdock-docker-'] } })),
    );
    const { stdout } = await run('docker', [
      'ps',
      '-a',
      '--no-trunc',
      '--filter',
      'name=crossdock-docker-',
      '--format',
      '{{.ID}} {{.Names}}',
    ]);
    expect(listed).toEqual(
      Object.fromEntries(
        stdout
          .trim()
          .split('\n')
          .map((line) => line.split(' ')),
      ),
    );
    expect(engine.hostId).toBe('local');
    await expect(localDockerEngine('/run/crossdock-no-such.sock').ping()).rejects.toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
    });
  });
});
