// Web mode as `crossdock serve` runs it, plus a way for a browser test to start a long job of the
// tests' own kind (`x-test-steps`): a line `start-job` on stdin starts one and prints `job ID`.
// The product has no such job; the shell's tests need one to watch progress, logs and cancel.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/create-core.js';
import { unlockFromEnv } from '../../electron/core/vault/index.js';
import { startWebServer } from '../../electron/headless/web-server.js';
import { startTestJob } from '../fixtures/test-job.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const core = createCore({ mode: 'web' });
await unlockFromEnv(core.vault, process.env, core.logger);
const server = await startWebServer({
  core,
  port: 0,
  rendererDir: process.env.CROSSDOCK_RENDERER_DIR ?? join(repoRoot, 'out', 'renderer'),
});
process.stdout.write(`Crossdock web mode: ${server.url}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'start-job') return;
  // 20 steps of 0.4 s: long enough to watch and to cancel.
  const job = startTestJob(core.jobs, { steps: 20, stepMs: 400 });
  process.stdout.write(`job ${job.id}\n`);
});

const stop = (): void => {
  void server
    .close()
    .then(() => core.dispose())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
