import { defineConfig } from 'vitest/config';

// Three projects, one command (`npm test`): unit tests of pure logic; integration tests against
// a real Docker engine and real SSH test machines (the rig); browser tests in Debian's Chromium
// against the real web mode.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          // Groups run one after another: unit, then integration, then browser tests, so the
          // rig's machines are never used by two projects at once.
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
          // Files share the rig's machines: one at a time, so no file sees another's containers
          // appear mid-assertion.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
