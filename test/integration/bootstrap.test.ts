// Bootstrap end to end through the real core: fresh Debian 12 machines without Docker
// (`rig.sh fresh`), as root and as a sudo user, each bootstrapped twice (the second run must
// change nothing); an unsupported os-release refused with nothing changed; a sudo password fed
// on stdin; cancel stopping the remote install.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CrossdockError,
  type BootstrapReport,
  type CrossdockApi,
  type CrossdockEvents,
  type JobInfo,
  type RpcClient,
  requireJobResult,
} from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { RigInfo, RigMachine } from '../rig/rig-info.js';
import { onMachine, upDockerRig } from './docker-rig.js';
import { freshMachines } from './fresh-rig.js';

const run = promisify(execFile);
const SUDO_PASSWORD = 'bootstrap-sudo-pw';
let rig: RigInfo;
let dataDir: string;
let core: Core;
let client: RpcClient<CrossdockApi, CrossdockEvents>;
let keyId: string;

function machine(index: number): RigMachine {
  return rig.machines[index] as RigMachine;
}

async function addHost(m: RigMachine, name: string, user: string): Promise<void> {
  const fingerprint = await machineHostKeyFingerprint(m.name);
  await client.api.hosts.add({
    kind: 'ssh',
    name,
    address: m.address,
    port: m.port,
    user,
    keyId,
    trust: { fingerprint },
  });
}

async function bootstrap(
  host: string,
  extra: { sudoPassword?: string } = {},
): Promise<{ job: JobInfo; report: BootstrapReport; ms: number; seen: JobInfo[] }> {
  const started = Date.now();
  const { id } = await client.api.bootstrap.start({ host, ...extra });
  // The job as a client polling it sees it, for what its progress did on the way.
  const seen: JobInfo[] = [];
  const watching = setInterval(() => void client.api.jobs.get({ id }).then((info) => seen.push(info)), 100);
  const job = await client.api.jobs.wait({ id }).finally(() => clearInterval(watching));
  if (job.state !== 'succeeded') {
    const logs = await client.api.jobs.logs({ id: job.id });
    throw new Error(
      `bootstrap of ${host} ${job.state}: ${JSON.stringify(job.error)}\n${logs
        .slice(-30)
        .map((l) => l.text)
        .join('\n')}`,
    );
  }
  return { job, report: requireJobResult(job, 'bootstrap'), ms: Date.now() - started, seen };
}

async function failure(promise: Promise<unknown>): Promise<CrossdockError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CrossdockError)) throw new Error(`expected a CrossdockError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  rig = await freshMachines(3);
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-bootstrap-'));
  core = createCore({
    dataDir,
    mode: 'test',
    knownHostsPaths: [],
    connection: { connectTimeoutMs: 5_000, reconnect: { enabled: false } },
  });
  client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'integration-passphrase' });
  keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
  await addHost(machine(0), 'fresh-root', 'root');
  await addHost(machine(1), 'fresh-tester', 'tester');
  // A user whose sudo asks for a password, on the third machine.
  await onMachine(
    machine(2).name,
    [
      'useradd -m -s /bin/bash pwuser',
      `echo 'pwuser:${SUDO_PASSWORD}' | chpasswd`,
      'install -d -m 0700 -o pwuser -g pwuser /home/pwuser/.ssh',
      'install -m 0600 -o pwuser -g pwuser /etc/ssh/crossdock-rig-authorized_keys /home/pwuser/.ssh/authorized_keys',
      "echo 'pwuser ALL=(ALL:ALL) ALL' > /etc/sudoers.d/pwuser",
    ].join(' && '),
  );
  await addHost(machine(2), 'fresh-pw', 'pwuser');
}, 300_000);

afterAll(async () => {
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('bootstrap', () => {
  it('detects a fresh Debian machine without changing it', async () => {
    const system = await client.api.bootstrap.detect({ host: 'fresh-root' });
    expect(system).toMatchObject({
      id: 'debian',
      versionId: '12',
      arch: 'amd64',
      init: 'other',
      packageManager: 'apt',
      privilege: 'root',
      docker: { installed: false, version: null, running: false },
    });
    expect(await client.api.bootstrap.detect({ host: 'fresh-tester' })).toMatchObject({ privilege: 'sudo' });
  });

  it('installs Docker on a fresh machine as root, then a second run changes nothing', async () => {
    const first = await bootstrap('fresh-root');
    console.log(`bootstrap as root: first run ${first.ms} ms`);
    expect(first.report).toMatchObject({
      os: 'debian',
      version: '12',
      arch: 'amd64',
      changed: true,
      docker: { storageDriver: 'vfs' },
    });
    expect(first.report.steps.map((s) => [s.name, s.changed])).toEqual([
      ['detect', false],
      ['packages', true],
      ['daemon-config', true],
      ['service', true],
      ['verify', false],
    ]);
    const logs = (await client.api.jobs.logs({ id: first.job.id })).map((l) => l.text).join('\n');
    expect(logs).toMatch(/Docker's repository https:\/\/download\.docker\.com\/linux\/debian could not be reached/);
    expect(logs).toMatch(/Setting up docker\.io/);
    // The package install moves the job through its step with apt's own progress, sub-step by sub-step.
    const installing = first.seen.filter((info) => info.step === 'packages');
    expect(new Set(installing.map((info) => info.fraction)).size).toBeGreaterThan(5);
    expect(installing.some((info) => /^Downloading packages: file \d+ of \d+$/.test(info.stepDetail ?? ''))).toBe(true);
    expect(installing.some((info) => /^Installing packages, \d+%: /.test(info.stepDetail ?? ''))).toBe(true);
    expect(logs).toMatch(/^\[packages\] unpacking and configuring the packages: 40%, Installing packages, 4\d%: /m);
    expect(logs).not.toMatch(/pmstatus:|dlstatus:/);
    // The service step says what it did once, in words (not "changed Docker service:started" twice).
    expect(logs.match(/^\[service\] Started dockerd \(no init system runs here/gm)).toHaveLength(1);
    expect(logs).not.toMatch(/Docker service:|\] (changed|unchanged|no change):? /);
    expect(JSON.parse(await onMachine(machine(0).name, 'cat /etc/docker/daemon.json'))).toEqual({
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'live-restore': true,
      'storage-driver': 'vfs',
    });

    // Nothing can be pulled here: give the new engine the rig's tiny image, so verification
    // can run a container from it.
    const { testImage } = await upDockerRig(1);
    await run('sh', ['-c', `docker save ${testImage} | docker exec -i ${machine(0).name} docker load`]);

    const second = await bootstrap('fresh-root');
    console.log(`bootstrap as root: second run ${second.ms} ms`);
    expect(second.report.changed).toBe(false);
    expect(second.report.steps.every((s) => !s.changed)).toBe(true);
    expect(second.report.steps.at(-1)?.detail).toMatch(new RegExp(`a container from ${testImage} ran and exited 0`));
    expect(second.report.docker.version).toBe(first.report.docker.version);
  }, 300_000);

  it('installs as a sudo user, keeps existing daemon.json keys, adds the user to the docker group', async () => {
    await onMachine(
      machine(1).name,
      'mkdir -p /etc/docker && echo \'{"debug": true, "log-opts": {"max-size": "50m"}}\' > /etc/docker/daemon.json',
    );
    const first = await bootstrap('fresh-tester');
    console.log(`bootstrap as tester: first run ${first.ms} ms`);
    expect(first.report.steps.find((s) => s.name === 'docker-group')).toMatchObject({ changed: true });
    expect(JSON.parse(await onMachine(machine(1).name, 'cat /etc/docker/daemon.json'))).toEqual({
      debug: true,
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '50m', 'max-file': '3' },
      'live-restore': true,
      'storage-driver': 'vfs',
    });
    expect(await onMachine(machine(1).name, 'id -nG tester')).toMatch(/\bdocker\b/);

    const second = await bootstrap('fresh-tester');
    expect(second.report.changed).toBe(false);
    expect(second.report.steps.map((s) => s.changed)).toEqual([false, false, false, false, false, false]);
  }, 300_000);

  it('refuses an unsupported system with UNSUPPORTED_OS and changes nothing', async () => {
    const m = machine(2);
    await onMachine(
      m.name,
      'cp /etc/os-release /root/os-release.saved && rm /etc/os-release && printf \'NAME=Gentoo\\nID=gentoo\\nPRETTY_NAME="Gentoo Linux"\\nVERSION_ID="2.15"\\n\' > /etc/os-release',
    );
    try {
      const detected = await failure(client.api.bootstrap.detect({ host: 'fresh-pw', sudoPassword: SUDO_PASSWORD }));
      expect(detected.code).toBe('UNSUPPORTED_OS');
      expect(detected.message).toMatch(/Gentoo Linux.*Supported: debian, ubuntu/);
      const job = await client.api.jobs.wait({
        id: (await client.api.bootstrap.start({ host: 'fresh-pw', sudoPassword: SUDO_PASSWORD })).id,
      });
      expect(job.state).toBe('failed');
      expect(job.error).toMatchObject({ code: 'UNSUPPORTED_OS', details: { os: 'gentoo' } });
      expect(await onMachine(m.name, 'ls /etc/docker 2>&1; command -v dockerd || echo no-dockerd')).toMatch(
        /No such file.*\n?no-dockerd/s,
      );
    } finally {
      await onMachine(m.name, 'rm -f /etc/os-release && mv /root/os-release.saved /etc/os-release');
    }
  });

  it('checks a sudo password once, never logs it, and cancel stops the remote install', async () => {
    const wrong = await failure(client.api.bootstrap.detect({ host: 'fresh-pw', sudoPassword: 'not-the-password' }));
    expect(wrong).toMatchObject({
      code: 'SUDO_PASSWORD_REQUIRED',
      message: expect.stringMatching(/refused the password/),
      details: { refused: true },
    });
    expect(await client.api.bootstrap.detect({ host: 'fresh-pw' })).toMatchObject({ privilege: 'sudo-password' });
    expect(await client.api.bootstrap.detect({ host: 'fresh-pw', sudoPassword: SUDO_PASSWORD })).toMatchObject({
      privilege: 'sudo-password',
    });

    const { id } = await client.api.bootstrap.start({ host: 'fresh-pw', sudoPassword: SUDO_PASSWORD });
    // Wait until apt is busy on the machine, then cancel.
    await expect
      .poll(
        async () =>
          (await client.api.jobs.logs({ id })).some((l) => l.stream === 'stdout' && /Get:|Hit:|Reading/.test(l.text)),
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true);
    const cancelled = await client.api.jobs.cancel({ id });
    expect(cancelled.state).toBe('cancelled');
    await expect
      .poll(() => onMachine(machine(2).name, 'pgrep -x apt-get || pgrep -x dpkg || pgrep -x http || echo none'), {
        timeout: 15_000,
      })
      .toMatch(/^none/);
    const logs = (await client.api.jobs.logs({ id })).map((l) => l.text).join('\n');
    expect(logs).not.toContain(SUDO_PASSWORD);
    // No process on the machine carries the password in its arguments ("[b]" keeps grep's own out).
    expect(
      await onMachine(
        machine(2).name,
        `ps -eo args | grep -c '[${SUDO_PASSWORD[0]}]${SUDO_PASSWORD.slice(1)}' || true`,
      ),
    ).toMatch(/^0\s*$/);
  }, 120_000);
});
