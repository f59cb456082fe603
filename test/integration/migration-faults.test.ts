// Migration faults, for real, on rig machines 6 (source) → 7 (target), and 8 (a target whose
// volume filesystem is a small tmpfs): the connection to the target cut during the volume pass,
// a target too small for the volume (at the plan, and found at the bulk pass), and the core
// process killed during the bulk pass, then rolled back — and, the second time, resumed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationOutcome } from '../../shared/index.js';
import type { MigrationJournalRecord } from '../../electron/core/migration/migration-journal.js';
import { onMachine } from './docker-rig.js';
import {
  HOST,
  PASSPHRASE,
  SMALL_TARGET,
  SOURCE,
  TARGET,
  containerState,
  crossdock,
  crossdockChild,
  finished,
  freePort,
  leftovers,
  makeApp,
  newCore,
  onMachineSync,
  setUpMigrationRig,
  volumeFileSha,
  type MigrationRig,
} from './migration-rig.js';

let m: MigrationRig;
const cleanups: { machine: string; script: string }[] = [];

function app(prefix: string, offset: number): { name: string; volume: string; port: number } {
  const name = `${prefix}-${m.run}`;
  for (const machine of [SOURCE, TARGET, SMALL_TARGET]) {
    cleanups.push({
      machine,
      script: `docker rm -f ${name} ${name}-migrated-to-d7 >/dev/null 2>&1; docker volume rm ${name}-data >/dev/null 2>&1; true`,
    });
  }
  return { name, volume: `${name}-data`, port: freePort(offset) };
}

beforeAll(async () => {
  m = await setUpMigrationRig();
});

afterAll(async () => {
  for (const { machine, script } of cleanups.reverse()) await onMachine(machine, script).catch(() => undefined);
  await m?.dispose();
});

/** The journal file of a migration, read directly (as a person would after a crash). */
function journalFile(dataDir: string, id: string): MigrationJournalRecord {
  return JSON.parse(readFileSync(join(dataDir, 'migrations', `${id}.json`), 'utf8')) as MigrationJournalRecord;
}

describe('the connection to the target cut during the volume pass', () => {
  it('rolls back: the source keeps running with its data intact, the target is left clean', async () => {
    const a = app('mig-cut', 11);
    await makeApp(SOURCE, { ...a, image: m.rig.testImage, dataMiB: 512 });
    const startedAt = (await onMachine(SOURCE, `docker inspect -f '{{.State.StartedAt}}' ${a.name}`)).trim();
    const sha = await volumeFileSha(SOURCE, a.volume, 'blob');

    // A watcher on the target kills sshd's sessions there (sshd itself, PID 1, keeps listening, as
    // after a restart) once 32 MiB of the volume's file have arrived: waiting for the job's first
    // progress report instead would come too late on a fast machine, where dd reports once a
    // second and the 512 MiB can pass in less.
    const cutLog = `/tmp/${a.name}.cut`;
    const blob = `/var/lib/docker/volumes/${a.volume}/_data/blob`;
    await onMachine(
      TARGET,
      `nohup sh -c 'for i in $(seq 6000); do s=$(stat -c %s ${blob} 2>/dev/null || echo 0); if [ "$s" -ge 33554432 ]; then ` +
        `for pid in $(ps -eo pid=,comm= | awk "\\$2 == \\"sshd\\" && \\$1 != 1 { print \\$1 }"); do kill -9 $pid; done; echo $s > ${cutLog}; exit; fi; sleep 0.02; done' >/dev/null 2>&1 &`,
    );
    const job = await m.client.api.migrations.start({
      source: { host: HOST[SOURCE], container: a.name },
      target: HOST[TARGET],
    });
    const { job: done, log } = await finished(m.client, job);
    const cutAtBytes = Number((await onMachine(TARGET, `cat ${cutLog} 2>/dev/null || echo 0`)).trim());
    expect(cutAtBytes, log).toBeGreaterThan(0);
    expect(cutAtBytes).toBeLessThan(512 * 1024 * 1024);
    expect(done.state, log).toBe('failed');
    // The error names the target whose connection dropped.
    expect(done.error?.message).toContain('d7');
    expect(log).toContain('[rollback] done');
    const record = await m.client.api.migrations.get({ id: job.id });
    expect(record.state).toBe('failed-rolled-back');
    expect(record.steps.find((s) => s.name === 'volumes-bulk')?.state).toBe('failed');

    // The source never stopped, and its data is what it was.
    expect(await containerState(SOURCE, a.name)).toBe('running');
    expect((await onMachine(SOURCE, `docker inspect -f '{{.State.StartedAt}}' ${a.name}`)).trim()).toBe(startedAt);
    expect(await volumeFileSha(SOURCE, a.volume, 'blob')).toBe(sha);
    // Nothing of the migration on the target: no container, volume or key.
    expect(await leftovers(TARGET, job.id, { containers: [a.name], volumes: [a.volume], networks: [] })).toEqual([]);
  });
});

describe('cancelling during the volume pass', () => {
  it('rolls back a relayed migration: the job ends cancelled, the source runs, the target is clean', async () => {
    const a = app('mig-cancel', 15);
    await makeApp(SOURCE, { ...a, image: m.rig.testImage, dataMiB: 128 });
    let jobId: string | null = null;
    let cancelled = false;
    const off = m.core.events.on('migrations.progress', (p) => {
      if (cancelled || p.jobId !== jobId || p.step !== 'volumes-bulk' || p.bytes === 0) return;
      cancelled = true;
      void m.client.api.jobs.cancel({ id: p.jobId });
    });
    try {
      const job = await m.client.api.migrations.start({
        source: { host: HOST[SOURCE], container: a.name },
        target: HOST[TARGET],
        forceRelay: true,
      });
      jobId = job.id;
      const { job: done, log } = await finished(m.client, job);
      expect(cancelled, log).toBe(true);
      expect(log).toContain('[route] relay');
      expect(done.state, log).toBe('cancelled');
      expect((await m.client.api.migrations.get({ id: job.id })).state).toBe('failed-rolled-back');
      expect(await containerState(SOURCE, a.name)).toBe('running');
      expect(await leftovers(TARGET, job.id, { containers: [a.name], volumes: [a.volume], networks: [] })).toEqual([]);
    } finally {
      off();
    }
  });
});

describe('a target too small for the volume', () => {
  const volumesDir = '/var/lib/docker/volumes';
  // A small tmpfs over the engine's volume directory of machine 8 (only this file uses it);
  // its engine keeps its metadata database open underneath.
  const mountSmall = (size: string): Promise<string> =>
    onMachine(
      SMALL_TARGET,
      `if mountpoint -q ${volumesDir}; then mount -o remount,size=${size} ${volumesDir}; else mount -t tmpfs -o size=${size} crossdock-small ${volumesDir}; fi`,
    );

  beforeAll(async () => {
    await mountSmall('8m');
  });
  afterAll(async () => {
    await onMachine(SMALL_TARGET, `umount ${volumesDir} 2>/dev/null || true`);
  });

  it('is refused at the plan with NO_SPACE naming the host, the volume, and the bytes needed and free', async () => {
    const a = app('mig-big', 12);
    await makeApp(SOURCE, { ...a, image: m.rig.testImage, dataMiB: 16 });
    const plan = await m.client.api.migrations.plan({
      source: { host: HOST[SOURCE], container: a.name },
      target: HOST[SMALL_TARGET],
    });
    expect(plan.space.freeBytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(plan.blockers).toEqual([
      expect.objectContaining({
        code: 'NO_SPACE',
        details: expect.objectContaining({
          host: 'd8',
          volumes: [a.volume],
          freeBytes: plan.space.freeBytes,
          neededBytes: plan.volumeBytes,
        }),
      }),
    ]);
    expect(plan.blockers[0]?.message).toMatch(
      new RegExp(`^d8 has .+ free for Docker volumes, but ${a.volume} need 16\\.\\d MiB`),
    );

    const cli = crossdock(m.dataDir, ['migrate', `${HOST[SOURCE]}/${a.name}`, '--to', HOST[SMALL_TARGET], '--dry-run']);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toMatch(/^crossdock: d8 has .+ \(NO_SPACE\)$/);

    const job = await m.client.api.migrations.start({
      source: { host: HOST[SOURCE], container: a.name },
      target: HOST[SMALL_TARGET],
    });
    const { job: done } = await finished(m.client, job);
    expect(done.error?.code).toBe('NO_SPACE');
    expect(await containerState(SOURCE, a.name)).toBe('running');
    expect(await leftovers(SMALL_TARGET, job.id, { containers: [a.name], volumes: [a.volume], networks: [] })).toEqual(
      [],
    );
  });

  it('fails cleanly with NO_SPACE when the volume grew past the free space after the plan', async () => {
    await mountSmall('24m');
    const a = app('mig-grow', 13);
    await makeApp(SOURCE, { ...a, image: m.rig.testImage, dataMiB: 1 });
    let jobId: string | null = null;
    let grown = false;
    // Right after the plan passed (the job moves on to its route), the volume grows by 40 MiB.
    const off = m.core.events.on('jobs.changed', (job) => {
      if (grown || job.id !== jobId || job.step !== 'route') return;
      grown = true;
      onMachineSync(SOURCE, `docker exec ${a.name} sh -c 'yes grow | head -c 41943040 > /data/grown'`);
    });
    try {
      const job = await m.client.api.migrations.start({
        source: { host: HOST[SOURCE], container: a.name },
        target: HOST[SMALL_TARGET],
      });
      jobId = job.id;
      const { job: done, log } = await finished(m.client, job);
      expect(grown).toBe(true);
      expect(done.error, log).toMatchObject({ code: 'NO_SPACE', details: expect.objectContaining({ host: 'd8' }) });
      expect(done.error?.message).toContain(a.volume);
      expect((await m.client.api.migrations.get({ id: job.id })).state).toBe('failed-rolled-back');
      expect(await containerState(SOURCE, a.name)).toBe('running');
      expect(
        await leftovers(SMALL_TARGET, job.id, { containers: [a.name], volumes: [a.volume], networks: [] }),
      ).toEqual([]);
    } finally {
      off();
    }
  });
});

describe('the core process killed during the bulk pass', () => {
  /** Runs `crossdock migrate` and SIGKILLs it as soon as its log says the bulk pass began; returns the migration id. */
  async function migrateAndKill(name: string): Promise<string> {
    const before = new Set((await m.client.api.migrations.list({})).map((r) => r.id));
    const child = crossdockChild(m.dataDir, ['migrate', `${HOST[SOURCE]}/${name}`, '--to', HOST[TARGET], '--json']);
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (/bulk pass/.test(stderr)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code, signal) =>
        signal === 'SIGKILL'
          ? resolve()
          : reject(new Error(`crossdock migrate ended (${code}) before the bulk pass:\n${stderr}`)),
      );
    });
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
    );
    const added = (await m.client.api.migrations.list({})).filter((r) => !before.has(r.id));
    expect(added).toHaveLength(1);
    const id = (added[0] as { id: string }).id;
    // The journal on disk says the bulk pass had started and not ended.
    const record = journalFile(m.dataDir, id);
    expect(record.steps.at(-1)).toMatchObject({ name: 'volumes-bulk', state: 'started' });
    return id;
  }

  it('lists the migration as interrupted in a new core; roll back leaves the source running and the target clean', async () => {
    const a = app('mig-crash', 14);
    await makeApp(SOURCE, { ...a, image: m.rig.testImage, dataMiB: 256 });
    const sha = await volumeFileSha(SOURCE, a.volume, 'blob');
    const id = await migrateAndKill(a.name);

    const core = newCore(m.dataDir);
    const client = core.connectInProcess();
    try {
      await client.api.vault.unlock({ passphrase: PASSPHRASE });
      expect(await client.api.migrations.get({ id })).toMatchObject({
        state: 'interrupted',
        step: 'volumes-bulk',
        canResume: true,
        canRollback: true,
      });
      expect((await client.api.jobs.get({ id })).state).toBe('interrupted');
      const { job, log } = await finished(client, await client.api.migrations.rollback({ id }));
      expect(job.state, log).toBe('succeeded');
      expect(await client.api.migrations.get({ id })).toMatchObject({
        state: 'failed-rolled-back',
        canResume: false,
        canRollback: false,
      });
    } finally {
      client.close();
      await core.dispose();
    }
    expect(await containerState(SOURCE, a.name)).toBe('running');
    expect(await volumeFileSha(SOURCE, a.volume, 'blob')).toBe(sha);
    expect(await leftovers(TARGET, id, { containers: [a.name], volumes: [a.volume], networks: [] })).toEqual([]);
  });

  it('resumed after the same crash, completes with a matching manifest', async () => {
    const a = { name: `mig-crash-${m.run}`, volume: `mig-crash-${m.run}-data` };
    const sha = await volumeFileSha(SOURCE, a.volume, 'blob');
    const id = await migrateAndKill(a.name);

    const listed = crossdock(m.dataDir, ['migrate', 'ls', '--json']);
    expect((JSON.parse(listed.stdout) as { id: string; state: string }[]).find((r) => r.id === id)?.state).toBe(
      'interrupted',
    );
    const resumed = crossdock(m.dataDir, ['migrate', 'resume', id.slice(0, 8), '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const outcome = JSON.parse(resumed.stdout) as MigrationOutcome;
    expect(outcome.id).toBe(id);
    expect(outcome.manifest).toMatchObject({ match: true, differences: [] });
    expect(outcome.containers.map((c) => c.name)).toEqual([a.name]);
    expect((await m.client.api.migrations.get({ id })).state).toBe('completed');

    expect(await containerState(TARGET, a.name)).toBe('running');
    expect(await volumeFileSha(TARGET, a.volume, 'blob')).toBe(sha);
    expect(await containerState(SOURCE, `${a.name}-migrated-to-d7`)).toBe('exited');
    expect((await onMachine(TARGET, `grep -c ${id} /root/.ssh/authorized_keys || true`)).trim()).toBe('0');
  });
});
