// The lane table (test/lanes/lanes.ts) against the files on disk; the flock holder the lane lock
// is made of and the run slots, with the real flock(1).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hold } from '../lanes/flock.js';
import { lanes, lanesOf } from '../lanes/lanes.js';
import { takeSlot } from '../lanes/slots.js';

describe('the lane table', () => {
  it('names test files that exist, as the integration and e2e projects find them, once per lane', () => {
    const files = lanes.flatMap((lane) => lane.files);
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
    for (const file of files) expect(file).toMatch(/^test\/(integration\/.+\.test\.ts|e2e\/.+\.e2e\.test\.ts)$/);
    for (const lane of lanes) expect(new Set(lane.files).size).toBe(lane.files.length);
  });

  it('keeps a file of lane none out of every other lane', () => {
    for (const file of lanes.find((lane) => lane.name === 'none')?.files ?? [])
      expect(lanesOf(file).map((lane) => lane.name)).toEqual(['none']);
  });

  it('has lane names that are lock file names of their own', () => {
    const names = lanes.map((lane) => lane.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^(?!all$|slot-)[a-z0-9-]+$/);
  });

  it('puts a file it does not name in no lane (it runs alone)', () => {
    expect(lanesOf('test/integration/brand-new.test.ts')).toEqual([]);
    expect(lanesOf('test/integration/migration.test.ts').map((lane) => lane.name)).toEqual(['docker-6-8']);
    expect(lanesOf('test/integration/hosts-api.test.ts').map((lane) => lane.name)).toEqual([
      'docker-1',
      'docker-3-and-9',
    ]);
    expect(lanesOf('test/e2e/machines.e2e.test.ts').map((lane) => lane.name)).toEqual(['sandbox', 'ec2']);
  });
});

describe('flock holder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-lanes-'));
  const lock = join(dir, 'a.lock');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps an exclusive lock until released, and shares a shared one', async () => {
    const first = await hold(['-x', lock]);
    expect(first).not.toBeNull();
    // Held by the first: a second exclusive attempt gives up after its wait.
    expect(await hold(['-x', '-w', '0.3', lock])).toBeNull();
    await first?.release();
    const again = await hold(['-x', '-w', '5', lock]);
    expect(again).not.toBeNull();
    await again?.release();

    const readers = await Promise.all([hold(['-s', lock]), hold(['-s', '-w', '5', lock])]);
    expect(readers.every((held) => held !== null)).toBe(true);
    expect(await hold(['-x', '-w', '0.3', lock])).toBeNull();
    await Promise.all(readers.map((held) => held?.release()));
  });

  it('lets go when the process holding it is killed without releasing', async () => {
    // A worker of its own that takes the lock as hold() does, then dies as a crashed worker would.
    const code = `const c = require('node:child_process').spawn('flock', ['-x', ${JSON.stringify(lock)}, 'sh', '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
c.stdout.once('data', () => console.log('held'));
setInterval(() => {}, 1000);`;
    const worker = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => worker.stdout.once('data', resolve));
    expect(await hold(['-x', '-w', '0.3', lock])).toBeNull();
    worker.kill('SIGKILL');
    const after = await hold(['-x', '-w', '5', lock]);
    expect(after).not.toBeNull();
    await after?.release();
  });
});

describe('run slots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-slots-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a freed slot to the waiting file whose turn comes first', async () => {
    // In a run, waiters are worker processes; here this process waits with turn 9, and a marker
    // under the parent's pid (alive) stands for another worker waiting with turn 2.
    const first = await takeSlot(dir, 5, 1);
    // The marker is there before turn 9 starts to wait: written after, it could lose the race
    // with turn 9's first try on a busy machine, once the slot is freed below.
    mkdirSync(join(dir, 'waiting'), { recursive: true });
    writeFileSync(join(dir, 'waiting', `2-${process.ppid}`), '');
    const order: string[] = [];
    const late = takeSlot(dir, 9, 1).then((held) => (order.push('turn 9'), held));
    await first.release();
    // Turn 9 must not take the slot while turn 2 waits.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(order).toEqual([]);
    // Turn 2 is gone (its process took a slot elsewhere, say): turn 9 goes.
    rmSync(join(dir, 'waiting', `2-${process.ppid}`));
    const held = await late;
    expect(order).toEqual(['turn 9']);
    await held.release();
  });

  it('ignores and removes the marker of a process that is gone', async () => {
    // A folder of its own, so nothing the test above left can hold its slot.
    const own = mkdtempSync(join(tmpdir(), 'crossdock-slots-gone-'));
    mkdirSync(join(own, 'waiting'), { recursive: true });
    // A pid beyond pid_max on Linux (at most 2^22): no process has it.
    writeFileSync(join(own, 'waiting', `0-${2 ** 22 + 1}`), '');
    const held = await takeSlot(own, 7, 1);
    expect(readdirSync(join(own, 'waiting'))).toEqual([]);
    await held.release();
    rmSync(own, { recursive: true, force: true });
  });
});
