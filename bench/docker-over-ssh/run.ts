// Benchmark: list every container on 5 hosts, 10 rounds, through the Crossdock core (one pooled
// SSH connection per host, Docker's API over a stream-local forward) versus a loop of
// `docker -H ssh://…` (a new SSH login per call) over the same hosts, in the same run.
// Prints both times and the ratio; the target is at most 0.2. Run: npm run bench:docker-over-ssh
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { addRigHosts, dockerPsLoop, upRigHosts } from './rig-hosts.js';

const HOSTS = 5;
const ROUNDS = 10;

const hosts = await upRigHosts(HOSTS);
try {
  const baselineStarted = performance.now();
  for (let round = 0; round < ROUNDS; round++) await dockerPsLoop(hosts, ['-a']);
  const baselineMs = performance.now() - baselineStarted;

  const core = createCore({ dataDir: join(hosts.home, 'crossdock'), mode: 'test', knownHostsPaths: [] });
  await addRigHosts(core, hosts);
  const client = core.connectInProcess();

  const coreStarted = performance.now();
  let containers = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { items, failures } = await client.api.docker.containers({ all: true });
    if (failures.length > 0) throw new Error(failures.map((f) => f.error.message).join('; '));
    containers = items.length;
  }
  const coreMs = performance.now() - coreStarted;
  await core.dispose();

  const ratio = coreMs / baselineMs;
  console.log(`docker-over-ssh: ${HOSTS} hosts × ${ROUNDS} rounds (${containers} containers per round)`);
  console.log(`  docker -H ssh:// loop  ${baselineMs.toFixed(0)} ms`);
  console.log(`  Crossdock core         ${coreMs.toFixed(0)} ms`);
  console.log(`  ratio                  ${ratio.toFixed(3)} (target ≤ 0.2: ${ratio <= 0.2 ? 'met' : 'NOT met'})`);
} finally {
  hosts.dispose();
}
