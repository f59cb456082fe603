// Benchmark: Crossdock's whole bootstrap (detect, install, daemon.json, start the engine,
// verify) of a fresh Debian 12 machine versus a bare `apt-get update && apt-get install -y
// docker.io` over SSH on another fresh machine from the same image. Run in both orders (A then
// B, B then A) so a warm mirror cache favours neither. Prints the times and the ratio; the
// target is at most 1.2. Run: npm run bench:bootstrap
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireJobResult } from '../../shared/index.js';
import { createCore } from '../../electron/core/create-core.js';
import { freshMachines } from '../../test/integration/fresh-rig.js';
import { machineHostKeyFingerprint } from '../../test/rig/host-key.js';
import type { RigMachine } from '../../test/rig/rig-info.js';

const run = promisify(execFile);
const rig = await freshMachines(4);
const machine = (i: number): RigMachine => rig.machines[i] as RigMachine;

async function baseline(m: RigMachine): Promise<number> {
  const started = performance.now();
  await run(
    'ssh',
    [
      '-F',
      '/dev/null',
      '-i',
      rig.keyPath,
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `root@${m.address}`,
      'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io',
    ],
    { maxBuffer: 64 << 20 },
  );
  return performance.now() - started;
}

const home = mkdtempSync(join(tmpdir(), 'crossdock-bench-bootstrap-'));
const core = createCore({ dataDir: home, mode: 'test', knownHostsPaths: [] });
try {
  const client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'benchmark-passphrase' });
  const key = await client.api.keys.import({ name: 'rig', path: rig.keyPath });
  async function crossdock(m: RigMachine): Promise<number> {
    const host = await client.api.hosts.add({
      kind: 'ssh',
      name: m.name,
      address: m.address,
      port: m.port,
      user: 'root',
      keyId: key.id,
      trust: { fingerprint: await machineHostKeyFingerprint(m.name) },
    });
    // Adding logs in once to check the key: drop it so the timed run pays for its own login.
    await core.runtime.forget(host.id);
    const started = performance.now();
    const job = await client.api.jobs.wait({ id: (await client.api.bootstrap.start({ host: host.id })).id });
    const ms = performance.now() - started;
    if (job.state !== 'succeeded') throw new Error(`bootstrap of ${m.name} ${job.state}: ${job.error?.message ?? ''}`);
    const report = requireJobResult(job, 'bootstrap');
    console.log(`  ${m.name}: Docker ${report.docker.version}, ${report.docker.storageDriver}`);
    return ms;
  }

  const baseA = await baseline(machine(0));
  const coreA = await crossdock(machine(1));
  const coreB = await crossdock(machine(2));
  const baseB = await baseline(machine(3));
  const base = (baseA + baseB) / 2;
  const ours = (coreA + coreB) / 2;
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  console.log(`bare apt-get install docker.io over SSH: ${s(baseA)}, ${s(baseB)} (mean ${s(base)})`);
  console.log(`Crossdock bootstrap (install, daemon.json, start, verify): ${s(coreA)}, ${s(coreB)} (mean ${s(ours)})`);
  console.log(`ratio: ${(ours / base).toFixed(2)} (target <= 1.2)`);
} finally {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
}
