// Shared setup of the migration tests: a real core with the rig's Docker machines 6, 7 and 8 as
// hosts d6, d7, d8 (machines 1–5 belong to other tests), and helpers to make workloads on them
// and to look at what a migration left behind.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrossdockApi, CrossdockEvents, JobInfo, RpcClient } from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import type { DockerRigInfo } from '../rig/docker-rig-info.js';
import { machineNamed, onMachine, upDockerRig } from './docker-rig.js';

export const PASSPHRASE = 'migration-passphrase';
export const SOURCE = 'crossdock-docker-6';
export const TARGET = 'crossdock-docker-7';
export const SMALL_TARGET = 'crossdock-docker-8';
/** Inventory names of the machines above. */
export const HOST = { [SOURCE]: 'd6', [TARGET]: 'd7', [SMALL_TARGET]: 'd8' } as const;

export interface MigrationRig {
  rig: DockerRigInfo;
  dataDir: string;
  core: Core;
  client: RpcClient<CrossdockApi, CrossdockEvents>;
  /** Unique per run: names of everything a test makes carry it. */
  run: string;
  dispose(): Promise<void>;
}

export function newCore(dataDir: string): Core {
  return createCore({ dataDir, mode: 'test', knownHostsPaths: [], connection: { connectTimeoutMs: 8_000 } });
}

/** A fresh data directory, the rig key imported, d6–d8 added with their real host keys pinned. */
export async function setUpMigrationRig(): Promise<MigrationRig> {
  const rig = await upDockerRig(8);
  const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-migration-'));
  const core = newCore(dataDir);
  const client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: PASSPHRASE });
  const keyId = (await client.api.keys.import({ name: 'rig', path: rig.keyPath })).id;
  for (const machineName of [SOURCE, TARGET, SMALL_TARGET] as const) {
    const machine = machineNamed(rig, machineName);
    await client.api.hosts.add({
      kind: 'ssh',
      name: HOST[machineName],
      address: machine.address,
      port: machine.port,
      user: 'root',
      keyId,
      trust: { fingerprint: await machineHostKeyFingerprint(machineName) },
    });
  }
  return {
    rig,
    dataDir,
    core,
    client,
    run: Date.now().toString(36),
    async dispose() {
      client.close();
      await core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Like {@link onMachine}, but blocking the event loop: used inside event listeners to act at an exact step. */
export function onMachineSync(machine: string, script: string): string {
  return execFileSync('docker', ['exec', machine, 'sh', '-c', script], { encoding: 'utf8' });
}

export interface AppOptions {
  name: string;
  volume: string;
  image: string;
  port: number;
  /** MiB of non-zero data (zeros would travel as sparse holes) written before the test starts. */
  dataMiB: number;
  labels?: Record<string, string>;
  network?: { name: string; alias: string };
}

/**
 * A container from the rig's busybox image that looks like a real service: a published port
 * served by httpd, environment, labels, a restart policy, a healthcheck (on a file in its
 * volume), a working directory and user, a stop signal handled at once, and a counter file it
 * appends to five times a second, so the delta pass always has something to carry.
 */
export async function makeApp(machine: string, o: AppOptions): Promise<void> {
  const labels = Object.entries({ app: o.name, ...(o.labels ?? {}) })
    .map(([k, v]) => `--label "${k}=${v}"`)
    .join(' ');
  const network = o.network ? `--network ${o.network.name} --network-alias ${o.network.alias}` : '';
  const main = [
    'trap "exit 0" TERM',
    'mkdir -p /data/www',
    'echo "$GREETING from $(hostname)" > /data/www/index.html',
    'httpd -p 8080 -h /data/www',
    'touch /data/ready',
    'i=0; while true; do i=$((i+1)); echo $i >> /data/counter; sleep 0.2 & wait; done',
  ].join('; ');
  await onMachine(
    machine,
    [
      `docker rm -f ${o.name} >/dev/null 2>&1; docker volume rm ${o.volume} >/dev/null 2>&1; true`,
      `docker run -d --name ${o.name} ${network} -p ${o.port}:8080 -e GREETING="hello world" -e MODE=migration-test -v ${o.volume}:/data ${labels}` +
        ` --restart unless-stopped --health-cmd 'test -f /data/ready' --health-interval 1s --health-retries 3 --health-start-period 2s` +
        ` -w /data --user 0:0 --stop-timeout 5 ${o.image} sh -c '${main}' >/dev/null`,
      // Data, a subdirectory, a symlink and a file with odd permissions, written inside the container.
      `docker exec ${o.name} sh -c 'mkdir -p /data/sub/deeper && yes "crossdock migration test data" | head -c $((${o.dataMiB} * 1048576)) > /data/blob && echo hi > /data/sub/deeper/note && ln -s sub/deeper/note /data/link && chmod 640 /data/sub/deeper/note'`,
    ].join(' && '),
  );
}

/** A new image on the source only (a label with the run id makes its id new), so the target must receive it. */
export async function makeImage(machine: string, tag: string, base: string, run: string): Promise<void> {
  await onMachine(
    machine,
    `printf 'FROM ${base}\\nLABEL crossdock.test.run=${run}\\nRUN echo ${run} > /image-marker\\n' | docker build -q -t ${tag} - >/dev/null`,
  );
}

/** What a migration could have left on a machine: containers, volumes, networks by name; its key in authorized_keys. */
export async function leftovers(
  machine: string,
  migrationId: string,
  names: { containers: string[]; volumes: string[]; networks: string[] },
): Promise<string[]> {
  const found: string[] = [];
  const ps = (await onMachine(machine, "docker ps -a --format '{{.Names}}'")).split('\n');
  const labelled = (
    await onMachine(machine, `docker ps -aq --filter label=crossdock.migration.id=${migrationId}`)
  ).trim();
  const volumes = (await onMachine(machine, 'docker volume ls -q')).split('\n');
  const networks = (await onMachine(machine, "docker network ls --format '{{.Name}}'")).split('\n');
  found.push(...names.containers.filter((n) => ps.includes(n)).map((n) => `container ${n}`));
  if (labelled) found.push(`containers labelled with the migration: ${labelled}`);
  found.push(...names.volumes.filter((n) => volumes.includes(n)).map((n) => `volume ${n}`));
  found.push(...names.networks.filter((n) => networks.includes(n)).map((n) => `network ${n}`));
  const keys = (await onMachine(machine, `grep -c ${migrationId} /root/.ssh/authorized_keys || true`)).trim();
  if (keys !== '0') found.push(`${keys} authorized key(s) for the migration`);
  return found;
}

export async function containerState(machine: string, name: string): Promise<string> {
  return (await onMachine(machine, `docker inspect -f '{{.State.Status}}' ${name} 2>/dev/null || echo missing`)).trim();
}

/** SHA-256 of a file in a volume, read on the machine itself (not through Crossdock). */
export async function volumeFileSha(machine: string, volume: string, path: string): Promise<string> {
  return (await onMachine(machine, `sha256sum /var/lib/docker/volumes/${volume}/_data/${path} | cut -d' ' -f1`)).trim();
}

/** The environment the CLI runs with: the test's data directory and passphrase, no ~/.ssh. */
export function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, CROSSDOCK_HOME: dataDir, CROSSDOCK_PASSPHRASE: PASSPHRASE, HOME: dataDir };
}

/** Runs the real `crossdock` bin to its end. */
export function crossdock(dataDir: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/crossdock.mjs', ...args], {
    env: cliEnv(dataDir),
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the real `crossdock` bin, for tests that watch it or kill it. */
export function crossdockChild(dataDir: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
    env: cliEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits for a job and returns it; the job's log is attached to a failure message to help reading it. */
export async function finished(
  client: RpcClient<CrossdockApi, CrossdockEvents>,
  job: JobInfo,
): Promise<{ job: JobInfo; log: string }> {
  const done = await client.api.jobs.wait({ id: job.id });
  const log = (await client.api.jobs.logs({ id: job.id })).map((l) => l.text).join('\n');
  return { job: done, log };
}

/** A port in a range no other test publishes on, different per run. */
export function freePort(offset: number): number {
  return 21000 + ((Date.now() + offset * 97) % 8000);
}
