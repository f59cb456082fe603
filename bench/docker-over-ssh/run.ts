// Benchmark: list every container on 5 hosts, 10 rounds, through the Crossdock core (one pooled
// SSH connection per host, Docker's API over a stream-local forward) versus a loop of
// `docker -H ssh://…` (a new SSH login per call) over the same hosts, in the same run.
// Prints both times and the ratio; the target is at most 0.2. Run: npm run bench:docker-over-ssh
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCore } from '../../electron/core/create-core.js';
import { upDockerRig } from '../../test/integration/docker-rig.js';
import { machineHostKeyFingerprint } from '../../test/rig/host-key.js';

const run = promisify(execFile);
const HOSTS = 5;
const ROUNDS = 10;

const rig = await upDockerRig(HOSTS);
const machines = rig.machines.filter((m) => m.streamLocalForwarding).slice(0, HOSTS);
if (machines.length < HOSTS) throw new Error(`the rig gave ${machines.length} Docker machines, not ${HOSTS}`);

const home = mkdtempSync(join(tmpdir(), 'crossdock-bench-'));
try {
  // The docker CLI runs `ssh` from PATH; ssh reads its config from the passwd home, not $HOME,
  // so an `ssh` wrapper first in PATH hands it the rig key and no-prompt options with -F.
  const config = join(home, 'ssh_config');
  writeFileSync(config, `Host 10.213.0.*\n  IdentityFile ${rig.keyPath}\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n`, { mode: 0o600 });
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: `${join(home, 'bin')}:${process.env.PATH ?? ''}` };
  const baselineStarted = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const machine of machines) {
      await run('docker', ['-H', `ssh://root@${machine.address}`, 'ps', '-a', '--format', '{{.ID}}'], { env });
    }
  }
  const baselineMs = performance.now() - baselineStarted;

  const core = createCore({ dataDir: join(home, 'crossdock'), mode: 'test', knownHostsPaths: [] });
  const client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: 'benchmark-passphrase' });
  const key = await client.api.keys.import({ name: 'rig', path: rig.keyPath });
  for (const machine of machines) {
    const fingerprint = await machineHostKeyFingerprint(machine.name);
    await client.api.hosts.add({ kind: 'ssh', name: machine.name, address: machine.address, port: machine.port, user: 'root', keyId: key.id, trust: { fingerprint } });
  }
  // Adding a host logs in once to check its key; drop those connections so the timed rounds
  // pay for their own logins, as the baseline does.
  for (const host of await client.api.hosts.list({})) await core.runtime.forget(host.id);

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
  rmSync(home, { recursive: true, force: true });
}
