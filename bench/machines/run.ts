// Benchmark: creating machines through the core (the machine job: create → SSH with the pinned
// host key → added as a host → Docker bootstrapped), one alone and then three at once, on the
// local sandbox and on the emulated EC2 and GCE. The baseline is the single machine on the same
// provider in the same run; prints (three at once) / (one), target < 3, i.e. creating in
// parallel beats creating one after another. Everything made is destroyed afterwards, also
// after a failure or Ctrl+C. Run: npm run bench:machines [-- local aws gcp]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrossdockApi, CrossdockEvents, JobInfo, RpcClient } from '../../shared/index.js';
import { createCore } from '../../electron/core/create-core.js';
import { startEc2Emulator, type Ec2Emulator } from '../../test/emulators/ec2/index.js';
import { startGceEmulator, type GceEmulator } from '../../test/emulators/gce/index.js';
import { runRig } from '../../test/integration/run-rig.js';
import { parseRigInfo } from '../../test/rig/rig-info.js';

type Client = RpcClient<CrossdockApi, CrossdockEvents>;
type Kind = 'local' | 'aws' | 'gcp';

const KINDS: Kind[] = ['local', 'aws', 'gcp'];
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !KINDS.includes(a as Kind));
if (unknown.length > 0) throw new Error(`unknown provider(s) ${unknown.join(', ')}; choose from ${KINDS.join(', ')}`);
const kinds = asked.length > 0 ? (asked as Kind[]) : KINDS;
// Names of this run only: a machine left by a killed earlier run never collides with them.
const prefix = `bench-${randomBytes(3).toString('hex')}`;

/** One finished machine job: total time and the part spent before Docker's bootstrap began. */
interface Timing {
  totalMs: number;
  provisionMs: number;
}

/** Runs one machine job to its end; fails with the job's own error. */
async function createMachine(client: Client, provider: string, name: string): Promise<Timing> {
  const started = performance.now();
  const startedAt = Date.now();
  const job = await client.api.machines.create({ name, provider, size: 'small', os: 'debian-12', openPorts: [] });
  const done: JobInfo = await client.api.jobs.wait({ id: job.id });
  const totalMs = performance.now() - started;
  if (done.state !== 'succeeded')
    throw new Error(`creating ${name} on ${provider} ended ${done.state}: ${done.error?.message ?? ''}`);
  const hostAdded = (await client.api.jobs.logs({ id: job.id })).find((line) => line.text.startsWith('Added host'));
  return { totalMs, provisionMs: hostAdded ? Date.parse(hostAdded.at) - startedAt : Number.NaN };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function measure(client: Client, provider: string): Promise<void> {
  const one = await createMachine(client, provider, `${prefix}-${provider}-1`);
  const started = performance.now();
  const three = await Promise.all([2, 3, 4].map((i) => createMachine(client, provider, `${prefix}-${provider}-${i}`)));
  const threeMs = performance.now() - started;
  const provision = Math.max(...three.map((t) => t.provisionMs));
  console.log(
    `${provider}: one machine ${s(one.totalMs)} (provisioned and SSH-pinned after ${s(one.provisionMs)}, then bootstrap)`,
  );
  console.log(`${provider}: three at once ${s(threeMs)} (all provisioned after ${s(provision)})`);
  console.log(`${provider}: ratio ${(threeMs / one.totalMs).toFixed(2)} (target < 3)`);
}

/** Destroys every machine of this run the core still lists; reports what it could not. */
async function destroyAll(client: Client): Promise<void> {
  const machines = (await client.api.machines.list({})).filter((m) => m.name.startsWith(prefix));
  const results = await Promise.allSettled(machines.map((m) => client.api.machines.remove({ machine: m.id })));
  results.forEach(
    (r, i) => r.status === 'rejected' && console.error(`could not destroy ${machines[i]?.name}: ${String(r.reason)}`),
  );
}

// The rig's machine image and network, which the emulators' instances use.
if (kinds.some((k) => k !== 'local')) {
  await runRig(['up', '1'], parseRigInfo);
}

const home = mkdtempSync(join(tmpdir(), 'crossdock-bench-machines-'));
const core = createCore({ dataDir: home, mode: 'test', knownHostsPaths: [] });
const client = core.connectInProcess();
let ec2: Ec2Emulator | null = null;
let gce: GceEmulator | null = null;
// Ctrl+C cancels the running jobs: their waits fail, and the clean-up below still runs.
const interrupt = (): void => {
  console.error('interrupted: cancelling, then destroying what was made');
  void client.api.jobs
    .list({})
    .then((jobs) =>
      Promise.all(jobs.filter((j) => j.state === 'running').map((j) => client.api.jobs.cancel({ id: j.id }))),
    );
};
process.on('SIGINT', interrupt);
try {
  await client.api.vault.initialize({ passphrase: 'benchmark-passphrase' });
  for (const kind of kinds) {
    if (kind === 'local') await measure(client, 'local');
    if (kind === 'aws') {
      ec2 = await startEc2Emulator();
      const credentials = { accessKeyId: ec2.accessKeyId, secretAccessKey: ec2.secretAccessKey };
      // The emulator's images authorise the key for root, as custom AMIs may.
      await client.api.providers.add({
        name: 'aws',
        kind: 'aws',
        region: ec2.region,
        endpoint: ec2.endpoint,
        credentials,
        sshUserByOs: { 'debian-12': 'root' },
      });
      await measure(client, 'aws');
    }
    if (kind === 'gcp') {
      gce = await startGceEmulator();
      await client.api.providers.add({
        name: 'gcp',
        kind: 'gcp',
        region: 'europe-west1-b',
        endpoint: gce.endpoint,
        serviceAccountJson: JSON.stringify(gce.serviceAccountJson),
      });
      await measure(client, 'gcp');
    }
  }
} finally {
  process.off('SIGINT', interrupt);
  await destroyAll(client).catch((error: unknown) => console.error(`clean-up failed: ${String(error)}`));
  await core.dispose();
  // The emulators remove whatever instance is left with them.
  await Promise.allSettled([ec2?.close(), gce?.close()]);
  rmSync(home, { recursive: true, force: true });
}
