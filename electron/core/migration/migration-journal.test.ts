import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../create-core.js';
import { MigrationJournal } from './migration-journal.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-migrations-'));
  dirs.push(dir);
  return dir;
}

const request = {
  source: { hostId: 'h-a', hostName: 'a', kind: 'container' as const, name: 'web' },
  target: { hostId: 'h-b', hostName: 'b' },
  forceRelay: false,
  removeSource: false,
  healthySeconds: 5,
};

/** The pid of a process that has exited (so certainly not running a migration). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('MigrationJournal', () => {
  it('keeps one JSON file per migration, rewritten whole, with no temporary file left', () => {
    const dir = dataDir();
    const journal = new MigrationJournal(dir);
    journal.create({ id: 'm-1', jobId: 'm-1', pid: process.pid, state: 'planned', request, plan: null });
    journal.update('m-1', (r) => void r.created.volumes.push('data'));
    expect(readdirSync(join(dir, 'migrations'))).toEqual(['m-1.json']);
    const onDisk = JSON.parse(readFileSync(join(dir, 'migrations', 'm-1.json'), 'utf8')) as {
      created: { volumes: string[] };
      state: string;
    };
    expect(onDisk.created.volumes).toEqual(['data']);
    expect(onDisk.state).toBe('planned');
  });

  it('records each step before it runs and how it ended', () => {
    const journal = new MigrationJournal(dataDir());
    journal.create({ id: 'm-2', jobId: 'm-2', pid: process.pid, state: 'running', request, plan: null });
    expect(journal.beginStep('m-2', 'volumes-bulk').steps).toEqual([
      expect.objectContaining({ name: 'volumes-bulk', state: 'started', endedAt: null }),
    ]);
    journal.endStep('m-2', 'volumes-bulk', 'done', '42 bytes');
    journal.beginStep('m-2', 'verify');
    const steps = journal.endStep('m-2', 'verify', 'failed', 'checksums differ').steps;
    expect(steps.map((s) => [s.name, s.state, s.detail])).toEqual([
      ['volumes-bulk', 'done', '42 bytes'],
      ['verify', 'failed', 'checksums differ'],
    ]);
  });

  it('lists newest first, skips files it did not write, and refuses ids that are not ids', () => {
    const dir = dataDir();
    const journal = new MigrationJournal(dir);
    journal.create({ id: 'older', jobId: 'older', pid: process.pid, state: 'completed', request, plan: null });
    journal.create({ id: 'newer', jobId: 'newer', pid: process.pid, state: 'completed', request, plan: null });
    journal.update('older', (r) => void (r.createdAt = '2000-01-01T00:00:00.000Z'));
    writeFileSync(join(dir, 'migrations', 'torn.json'), '{"version": 1, "id": "to');
    expect(journal.list().map((r) => r.id)).toEqual(['newer', 'older']);
    expect(() => journal.read('../vault')).toThrow(/not a migration id/);
    expect(() => journal.read('missing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('migrations after a crash', () => {
  it('lists a migration whose process died as interrupted, with resume and roll back offered', async () => {
    const dir = dataDir();
    const journal = new MigrationJournal(dir);
    journal.create({ id: 'cut-off', jobId: 'cut-off', pid: deadPid(), state: 'running', request, plan: null });
    journal.create({ id: 'elsewhere', jobId: 'elsewhere', pid: process.ppid, state: 'running', request, plan: null });
    journal.create({ id: 'done', jobId: 'done', pid: deadPid(), state: 'completed', request, plan: null });

    const core = createCore({ dataDir: dir, mode: 'test' });
    try {
      const listed = await core.connectInProcess().api.migrations.list({});
      const byId = Object.fromEntries(listed.map((m) => [m.id, m]));
      expect(byId['cut-off']).toMatchObject({
        state: 'interrupted',
        source: 'a/web',
        target: 'b',
        canResume: true,
        canRollback: true,
      });
      // Another live process (here: the test runner's parent) still runs that one.
      expect(byId.elsewhere).toMatchObject({ state: 'running', canResume: false, canRollback: false });
      expect(byId.done).toMatchObject({ state: 'completed', canResume: false, canRollback: false });
      // Durably: the file says so too.
      expect(new MigrationJournal(dir).read('cut-off').state).toBe('interrupted');
      await expect(core.connectInProcess().api.migrations.resume({ id: 'done' })).rejects.toMatchObject({
        code: 'FAILED_PRECONDITION',
      });
      await expect(core.connectInProcess().api.migrations.rollback({ id: 'elsewhere' })).rejects.toMatchObject({
        code: 'ALREADY_RUNNING',
      });

      // A new migration of the same container waits until the interrupted one is dealt with.
      const host = {
        kind: 'ssh' as const,
        address: '192.0.2.1',
        port: 22,
        user: 'root',
        keyId: null,
        hostKey: null,
        socketPath: null,
      };
      const a = core.hosts.add({ ...host, name: 'a' });
      core.hosts.add({ ...host, name: 'b' });
      journal.update('cut-off', (r) => void (r.request.source.hostId = a.id));
      await expect(
        core.connectInProcess().api.migrations.start({ source: { host: 'a', container: 'web' }, target: 'b' }),
      ).rejects.toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: expect.stringMatching(/^Migration cut-off of web on a is interrupted; resume or roll it back first/),
      });
    } finally {
      await core.dispose();
    }
  });
});
