// Run slots for test files in separate worker processes: at most `count` files hold one at once,
// and of the files waiting, the one whose turn comes first gets the next free slot.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { hold, type Held } from './flock.js';

/** How often a file waiting for a run slot looks again. */
const slotPollMs = 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * One of `count` run slots (flock files slot-N.lock in lockDir), given in turn order (lower
 * first): waiting files leave a marker `<turn>-<pid>` in lockDir/waiting, and only the one whose
 * turn comes first (among those whose process lives) tries the slots; so the heaviest lanes start
 * first, as the sequencer meant.
 */
export async function takeSlot(lockDir: string, turn: number, count: number): Promise<Held> {
  const waiting = join(lockDir, 'waiting');
  mkdirSync(waiting, { recursive: true });
  const marker = join(waiting, `${turn}-${process.pid}`);
  writeFileSync(marker, '');
  const ahead = (): boolean =>
    readdirSync(waiting).some((name) => {
      const match = /^(-?\d+)-(\d+)$/.exec(name);
      if (!match) return false;
      const [t, pid] = [Number(match[1]), Number(match[2])];
      if (pid === process.pid) return false;
      // A killed worker's marker: gone with it, before its pid is used again.
      if (!alive(pid)) {
        rmSync(join(waiting, name), { force: true });
        return false;
      }
      return t < turn || (t === turn && pid < process.pid);
    });
  try {
    for (;;) {
      if (!ahead()) {
        for (let slot = 0; slot < count; slot++) {
          const held = await hold(['-x', '-n', join(lockDir, `slot-${slot}.lock`)]);
          if (held) return held;
        }
      }
      await delay(slotPollMs);
    }
  } finally {
    rmSync(marker, { force: true });
  }
}
