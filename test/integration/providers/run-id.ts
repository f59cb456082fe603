// A suffix that makes one test run's resource names its own: a killed earlier run may have left
// machines (containers, instances, firewall rules) under the same names, and pids come back.
import { randomBytes } from 'node:crypto';

/** Six hex digits, fixed for the test file that imports it (vitest isolates files). */
export const runId = randomBytes(3).toString('hex');
