import { defineConfig } from 'vitest/config';
import LaneSequencer from './test/lanes/lane-sequencer.js';

// Three projects, one command (`npm test`): unit tests of pure logic; integration tests against
// a real Docker engine and real SSH test machines (the rig); browser tests in Debian's Chromium
// against the real web mode.
//
// Unit tests run first; then integration and browser files together, side by side where they
// share no machine: test/lanes/lanes.ts says which files share what (a file it does not name runs
// alone), test/lanes/lane-lock.ts makes each file wait for its lane and for one of
// CROSSDOCK_TEST_SLOTS run slots (default 3). So maxWorkers below is how many files may be
// started and waiting at once, not how many run: enough that files waiting for their lane
// seldom keep another lane's file from starting (a waiting worker costs memory, not CPU).
const laneWorkers = 8;

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    sequence: { sequencer: LaneSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          // Groups run one after another: unit tests, then integration and browser tests.
          sequence: { groupOrder: 0 },
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          // Real scrypt, ssh-keygen and child processes on a busy 2-core machine: 5 s is too tight
          // a limit for them (a limit, not an assertion about speed).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/lanes/lane-lock.ts'],
          maxWorkers: laneWorkers,
          // Files run side by side on 2 cores, and a machine bootstrap (apt-get install docker.io)
          // that takes 60–100 s alone can take twice that next to two others: a limit, not an
          // assertion about speed.
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // With the integration files (vitest wants the same maxWorkers for one group order).
          sequence: { groupOrder: 1 },
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/lanes/lane-lock.ts'],
          maxWorkers: laneWorkers,
          // As for integration files, which run beside these.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
