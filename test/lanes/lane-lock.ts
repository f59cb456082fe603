// Setup file of the integration and browser projects: before a test file is even imported, takes
// the locks that let it run beside the files of other lanes (lanes.ts), and gives them back after
// its last afterAll. Vitest starts several files at once (maxWorkers in vitest.config.ts); these
// locks decide which of them actually run:
//
//   1. `all`: shared by every listed file, exclusive for a file no lane names (it runs alone);
//   2. its lanes' locks (none for lane `none`), so the files of a lane run one after another;
//   3. one of CROSSDOCK_TEST_SLOTS run slots (default 3), so a 2-core machine is not asked to run
//      every lane at once: a file waiting for its lane holds no slot, another lane's file takes it,
//      and of the files waiting for a slot, the one whose turn comes first (turnOf in lanes.ts).
//
// Always in that order, so no two files can wait for each other. The locks are flock(1) locks on
// files in test/rig/.state/lanes (the rig's own state, shared by every checkout on the machine
// that uses the same machines), each held by a small child process that ends when its stdin
// closes: if the worker dies, the locks go with it.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { hold } from './flock.js';
import { lanesOf, turnOf } from './lanes.js';
import { takeSlot } from './slots.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const lockDir = fileURLToPath(new URL('../rig/.state/lanes', import.meta.url));

function slotCount(): number {
  const raw = process.env.CROSSDOCK_TEST_SLOTS ?? '3';
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`CROSSDOCK_TEST_SLOTS must be a positive integer, got "${raw}"`);
  return count;
}

const file = relative(repoRoot, expect.getState().testPath ?? '');
if (!file) throw new Error('lane-lock: vitest did not say which test file this worker runs');
const fileLanes = lanesOf(file);
mkdirSync(lockDir, { recursive: true });

const all = join(lockDir, 'all.lock');
// `flock -s all flock -x lane1 flock -x lane2 … sh`: lanes in the list's order, the same in every file.
const laneLocks =
  fileLanes.length === 0
    ? ['-x', all]
    : [
        '-s',
        all,
        ...fileLanes
          .filter((lane) => lane.name !== 'none')
          .flatMap((lane) => ['flock', '-x', join(lockDir, `${lane.name}.lock`)]),
      ];
const locks = await hold(laneLocks);
if (!locks) throw new Error(`lane-lock: flock on ${all} gave up without a timeout`);
const slot = await takeSlot(lockDir, turnOf(file), slotCount());

afterAll(async () => {
  await slot.release();
  await locks.release();
});
