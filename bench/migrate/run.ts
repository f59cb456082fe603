// Benchmark: migrating a container with a ~500 MB image and a ~1 GB volume between the rig's two
// benchmark machines (`rig.sh up-bench`: crossdock-bench-1 → -2, never the test suite's), through
// the core versus the manual way in the same run, in the order manual, Crossdock, Crossdock,
// manual so a warm cache or a busy neighbour favours neither. Prints:
// - throughput ratio: (bytes Crossdock moved / time of its images step and bulk pass, which run at once)
//   over (bytes `docker save` + `tar -c` produce / time of `docker save | ssh | docker load` plus
//   `tar | ssh | tar`); target at least 1.0;
// - downtime (the core's own: stop request to ready on B) when 1% of the volume changed after the
//   bulk pass, over the manual full-copy time (image + volume); target at most 0.1;
// - a second migration of the same image to B, which already has it: time and bytes of the image step.
// Nothing is asserted. Everything made on the two machines is removed at the end, also after a
// failure or Ctrl+C (the machines stay). Run: npm run bench:migrate [-- --small]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { runRig } from '../../test/integration/run-rig.js';
import { parseDockerRigInfo, type DockerRigMachine } from '../../test/rig/docker-rig-info.js';
import { machineHostKeyFingerprint } from '../../test/rig/host-key.js';
import { manualMigration, resetAfterManual, type BaselineTiming } from './baseline.js';
import { report } from './report.js';
import { migrateThroughCore, type CoreRun } from './through-core.js';
import {
  FULL,
  SMALL,
  baselineBytes,
  buildImages,
  changeVolumeSync,
  changedBytes,
  makeVolume,
  namesFor,
  resetAfterMigration,
  setUpBaselineSsh,
  startApps,
  stopManualCopy,
  sweep,
  volumeBytes,
} from './workload.js';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--small');
if (unknown.length > 0)
  throw new Error(`unknown argument(s) ${unknown.join(' ')}; the only option is --small (100 MB image, 200 MB volume)`);
const small = args.includes('--small');
const layout = small ? SMALL : FULL;
const names = namesFor(randomBytes(3).toString('hex'));
const HOST_A = 'bench-a';
const HOST_B = 'bench-b';

const rig = await runRig(['up-bench'], parseDockerRigInfo);
const machine = (name: string): DockerRigMachine => {
  const found = rig.machines.find((m) => m.name === name);
  if (!found) throw new Error(`rig.sh up-bench did not report ${name}`);
  return found;
};
const A = machine('crossdock-bench-1');
const B = machine('crossdock-bench-2');

const home = mkdtempSync(join(tmpdir(), 'crossdock-bench-migrate-'));
const core = createCore({ dataDir: home, mode: 'test', knownHostsPaths: [] });
const client = core.connectInProcess();
const started = performance.now();
const say = (line: string): void =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// Ctrl+C: cancel the running migration (it rolls back) and end a running manual copy; the run
// stops at its next step, and the clean-up below removes what it made.
let interrupted = false;
const interrupt = (): void => {
  if (interrupted) return;
  interrupted = true;
  console.error('interrupted: stopping, then removing what the benchmark made');
  void client.api.jobs
    .list({})
    .then((jobs) =>
      Promise.all(jobs.filter((j) => j.state === 'running').map((j) => client.api.jobs.cancel({ id: j.id }))),
    );
  void stopManualCopy(A.name).catch(() => undefined);
};
/** Between steps: stop here once Ctrl+C was pressed. */
const checkpoint = (): void => {
  if (interrupted) throw new Error('interrupted');
};
process.on('SIGINT', interrupt);
try {
  // Whatever a killed earlier run left on the benchmark's own machines.
  await Promise.all([sweep(A.name), sweep(B.name)]);
  await client.api.vault.initialize({ passphrase: 'benchmark-passphrase' });
  const key = await client.api.keys.import({ name: 'rig', path: rig.keyPath });
  for (const [m, name] of [
    [A, HOST_A],
    [B, HOST_B],
  ] as const) {
    const fingerprint = await machineHostKeyFingerprint(m.name);
    await client.api.hosts.add({
      kind: 'ssh',
      name,
      address: m.address,
      port: m.port,
      user: 'root',
      keyId: key.id,
      trust: { fingerprint },
    });
  }

  say(`making the workload on ${A.name}: ${small ? 'small' : 'full'} size`);
  await Promise.all([
    buildImages(A.name, names, layout, rig.testImage),
    makeVolume(A.name, names, layout),
    setUpBaselineSsh(A.name, B.name, B.address),
  ]);
  checkpoint();
  await startApps(A.name, names);
  checkpoint();
  const bytes = await baselineBytes(A.name, names);
  say(
    `workload ready: docker save ${(bytes.image / 1e6).toFixed(1)} MB, tar of the volume ${(bytes.volume / 1e6).toFixed(1)} MB`,
  );

  const baselines: BaselineTiming[] = [];
  const coreRuns: CoreRun[] = [];
  const manual = async (): Promise<void> => {
    checkpoint();
    const timing = await manualMigration(A.name, B.name, B.address, names);
    baselines.push(timing);
    say(
      `manual: image ${timing.imageMs} ms, stop ${timing.stopMs} ms, volume ${timing.volumeMs} ms, run until healthy ${timing.recreateMs} ms`,
    );
    await resetAfterManual(A.name, B.name, names);
  };
  const crossdock = async (): Promise<void> => {
    checkpoint();
    const r = await migrateThroughCore(core, client, {
      source: HOST_A,
      target: HOST_B,
      container: names.app,
      afterBulk: () => changeVolumeSync(A.name, names, layout),
    });
    coreRuns.push(r);
    say(
      `Crossdock: data ${r.dataMs} ms for ${r.dataBytes} bytes, delta ${r.deltaBytes} bytes, downtime ${r.outcome.downtimeMs} ms, whole ${r.outcome.durationMs} ms`,
    );
  };

  await manual();
  await crossdock();
  await resetAfterMigration(A.name, B.name, names, HOST_B);
  await crossdock();
  // B now has the image: move another container of it, then one of an image adding a layer.
  checkpoint();
  const sameImage = await migrateThroughCore(core, client, {
    source: HOST_A,
    target: HOST_B,
    container: names.app2,
    healthySeconds: 1,
  });
  say(`same image again: image step ${sameImage.stepMs.images} ms, ${sameImage.outcome.bytes.images} bytes`);
  checkpoint();
  const derivedImage = await migrateThroughCore(core, client, {
    source: HOST_A,
    target: HOST_B,
    container: names.app3,
    healthySeconds: 1,
  });
  say(`derived image: image step ${derivedImage.stepMs.images} ms, ${derivedImage.outcome.bytes.images} bytes`);
  checkpoint();
  await resetAfterMigration(A.name, B.name, names, HOST_B);
  await manual();

  report({
    size: small ? 'small' : 'full',
    imageBytes: coreRuns[0]?.outcome.plan.images[0]?.bytes ?? Number.NaN,
    volumeBytes: volumeBytes(layout),
    changedBytes: changedBytes(layout),
    baselineBytes: bytes,
    baselines,
    core: coreRuns,
    sameImage,
    derivedImage,
  });
} catch (error) {
  // After Ctrl+C, whatever failed failed because it was stopped: no stack trace.
  if (!interrupted) throw error;
  process.exitCode = 130;
} finally {
  process.off('SIGINT', interrupt);
  say('cleaning up both machines');
  await Promise.allSettled([sweep(A.name), sweep(B.name)]).then((results) =>
    results.forEach((r) => r.status === 'rejected' && console.error(`clean-up failed: ${String(r.reason)}`)),
  );
  client.close();
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
}
