import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function target(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-lock-'));
  dirs.push(dir);
  return join(dir, 'data.json');
}

/** The pid of a process that has exited (the kernel may reuse it later, but not within a test). */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  if (!pid) throw new Error('could not start node');
  return pid;
}

function holdBy(path: string, pid: number, options: { host?: string; ageSeconds?: number } = {}): void {
  writeFileSync(`${path}.lock`, JSON.stringify({ pid, host: options.host ?? hostname(), token: `held-by-${pid}` }));
  if (options.ageSeconds) {
    const then = Date.now() / 1000 - options.ageSeconds;
    utimesSync(`${path}.lock`, then, then);
  }
}

describe('withFileLock', () => {
  it('holds <file>.lock while the critical section runs and removes it after, also when it throws', () => {
    const path = target();
    const seen = withFileLock(
      path,
      () => JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as { pid: number; host: string },
    );
    expect(seen).toMatchObject({ pid: process.pid, host: hostname() });
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(() =>
      withFileLock(path, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over at once from a holder that crashed (its pid is gone)', () => {
    const path = target();
    holdBy(path, deadPid());
    const started = Date.now();
    expect(withFileLock(path, () => 'ran', { timeoutMs: 5_000 })).toBe('ran');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(existsSync(`${path}.lock.break`)).toBe(false);
  });

  it('waits for a live holder and then gives up with TIMEOUT, naming the lock file and the holder', () => {
    const path = target();
    holdBy(path, process.ppid);
    let ran = false;
    expect(() => withFileLock(path, () => (ran = true), { timeoutMs: 300 })).toThrow(
      expect.objectContaining({
        code: 'TIMEOUT',
        message: expect.stringContaining(
          `${path}.lock has been held by another Crossdock process (pid ${process.ppid}`,
        ),
      }),
    );
    expect(ran).toBe(false);
    // The live holder's lock is left alone.
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('does not judge a holder on another machine by its pid, only by the lock’s age', () => {
    const path = target();
    holdBy(path, deadPid(), { host: 'some-other-laptop' });
    expect(() => withFileLock(path, () => 'ran', { timeoutMs: 200 })).toThrow(
      expect.objectContaining({ code: 'TIMEOUT' }),
    );
    holdBy(path, deadPid(), { host: 'some-other-laptop', ageSeconds: 60 });
    expect(withFileLock(path, () => 'ran', { timeoutMs: 2_000, staleMs: 30_000 })).toBe('ran');
  });

  it('breaks a lock that is empty or unreadable once it is older than a moment (its holder died writing it)', () => {
    const path = target();
    writeFileSync(`${path}.lock`, '');
    const then = Date.now() / 1000 - 10;
    utimesSync(`${path}.lock`, then, then);
    expect(withFileLock(path, () => 'ran', { timeoutMs: 2_000 })).toBe('ran');
  });

  it('a holder whose lock was broken as stale does not remove the lock its successor took', () => {
    const path = target();
    withFileLock(path, () => {
      // Someone judged ours abandoned and took over while we were still inside.
      holdBy(path, process.ppid);
    });
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.ppid });
  });
});
