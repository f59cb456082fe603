import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { CrossdockError } from '../../../shared/errors.js';
import { processAlive } from '../process/process-alive.js';

/**
 * A lock across processes around a read-modify-write of one file (the vault, the settings
 * store), so the window, the web mode and the CLI writing at the same instant cannot lose one
 * another's change.
 *
 * Written here rather than taken from proper-lockfile: its `lockSync` refuses to wait (no
 * retries in sync mode), and the vault and the store are synchronous all through the core; and
 * its staleness is only an mtime a holder keeps touching on a timer, while here a holder records
 * its pid, so a crashed holder is recognised at once instead of after the stale period.
 *
 * The lock is `<file>.lock`, created with O_EXCL and holding `{pid, host, token}`. It is stale
 * when its holder's pid is gone on this machine, or when it is older than `staleMs` (a holder on
 * another machine sharing the directory, or a pid reused after a crash). Critical sections are a
 * file read and an atomic rename: milliseconds, so waiting blocks the event loop only briefly.
 */
export interface FileLockOptions {
  /** Give up after waiting this long for a live holder (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is taken to be abandoned whatever its pid (default 30 s). */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;
// A lock file still empty this long after its creation belongs to a holder that died between
// creating and writing it.
const EMPTY_GRACE_MS = 2_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let counter = 0;

/** Runs `critical` while holding the lock on `path`; releases it however `critical` ends. */
export function withFileLock<T>(path: string, critical: () => T, options: FileLockOptions = {}): T {
  const lockPath = `${path}.lock`;
  const token = acquire(lockPath, options);
  try {
    return critical();
  } finally {
    release(lockPath, token);
  }
}

function acquire(lockPath: string, options: FileLockOptions): string {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = `${process.pid}-${Date.now()}-${++counter}`;
  const owner: LockOwner = { pid: process.pid, host: hostname(), token };
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath, JSON.stringify(owner))) return token;
    if (isStale(lockPath, staleMs)) {
      breakStale(lockPath, staleMs);
      continue;
    }
    if (Date.now() >= deadline) {
      const holder = readOwner(lockPath);
      throw new CrossdockError(
        'TIMEOUT',
        `${lockPath} has been held by another Crossdock process${holder ? ` (pid ${holder.pid} on ${holder.host})` : ''} for over ${Math.round(timeoutMs / 1000)} s; if no Crossdock is running, delete that file`,
        { path: lockPath },
      );
    }
    // Short, jittered waits: the holder needs milliseconds, and jitter keeps waiters from
    // retrying in lockstep.
    Atomics.wait(sleeper, 0, 0, Math.min(2 + attempt, 25) + Math.random() * 5);
  }
}

function tryCreate(lockPath: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { pid, host, token } = parsed as Record<string, unknown>;
    if (
      typeof pid !== 'number' ||
      !Number.isInteger(pid) ||
      pid <= 0 ||
      typeof host !== 'string' ||
      typeof token !== 'string'
    )
      return null;
    return { pid, host, token };
  } catch {
    return null;
  }
}

function ageMs(lockPath: string): number | null {
  try {
    return Date.now() - statSync(lockPath).mtimeMs;
  } catch {
    return null;
  }
}

function isStale(lockPath: string, staleMs: number): boolean {
  const age = ageMs(lockPath);
  if (age === null) return false; // released meanwhile: just try again
  if (age > staleMs) return true;
  const owner = readOwner(lockPath);
  if (!owner) return age > EMPTY_GRACE_MS;
  return owner.host === hostname() && owner.pid !== process.pid && !processAlive(owner.pid);
}

/**
 * Removes a stale lock. Two waiters may both find it stale; only one at a time may break it
 * (under `<lock>.break`), and it looks again before removing, so a fresh lock taken by a third
 * process after the first break is never removed by the second waiter.
 */
function breakStale(lockPath: string, staleMs: number): void {
  const breaker = `${lockPath}.break`;
  if (!tryCreate(breaker, String(process.pid))) {
    // Another waiter is breaking it; a breaker that crashed mid-way is itself old after a while.
    const age = ageMs(breaker);
    if (age !== null && age > EMPTY_GRACE_MS) rmSync(breaker, { force: true });
    return;
  }
  try {
    if (isStale(lockPath, staleMs)) rmSync(lockPath, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

function release(lockPath: string, token: string): void {
  // Only our own lock: if it was judged stale and broken while we held it, it is someone else's now.
  if (readOwner(lockPath)?.token === token) rmSync(lockPath, { force: true });
}
