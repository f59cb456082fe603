// The benchmarks' five Docker hosts and their two ways in: the rig's Docker machines as
// Crossdock hosts in a fresh data directory, and a `docker -H ssh://` loop over the same
// machines as a user would type it. Shared by bench/docker-over-ssh and bench/cli.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Core } from '../../electron/core/create-core.js';
import type { DockerRigMachine } from '../../test/rig/docker-rig-info.js';
import { upDockerRig } from '../../test/integration/docker-rig.js';
import { machineHostKeyFingerprint } from '../../test/rig/host-key.js';

const run = promisify(execFile);

/** The passphrase of the benchmarks' vaults (CROSSDOCK_PASSPHRASE for a CLI run against one). */
export const BENCH_PASSPHRASE = 'benchmark-passphrase';

export interface RigHosts {
  machines: DockerRigMachine[];
  keyPath: string;
  /** A temporary folder for the run (the data directory goes inside); removed by dispose. */
  home: string;
  /** The environment in which `docker -H ssh://` logs in to the machines without prompts. */
  dockerEnv: NodeJS.ProcessEnv;
  dispose(): void;
}

/** `rig.sh up-docker`'s machines that allow stream-local forwarding, `count` of them. */
export async function upRigHosts(count: number): Promise<RigHosts> {
  const rig = await upDockerRig(count);
  const machines = rig.machines.filter((m) => m.streamLocalForwarding).slice(0, count);
  if (machines.length < count) throw new Error(`the rig gave ${machines.length} Docker machines, not ${count}`);
  const home = mkdtempSync(join(tmpdir(), 'crossdock-bench-'));
  // The docker CLI runs `ssh` from PATH; ssh reads its config from the passwd home, not $HOME,
  // so an `ssh` wrapper first in PATH hands it the rig key and no-prompt options with -F.
  const config = join(home, 'ssh_config');
  writeFileSync(
    config,
    `Host 10.213.0.*\n  IdentityFile ${rig.keyPath}\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n`,
    { mode: 0o600 },
  );
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`, { mode: 0o755 });
  return {
    machines,
    keyPath: rig.keyPath,
    home,
    dockerEnv: { ...process.env, PATH: `${join(home, 'bin')}:${process.env.PATH ?? ''}` },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** One `docker -H ssh://root@… ps` per machine, one after the other (a new SSH login each). */
export async function dockerPsLoop(hosts: RigHosts, dockerArgs: string[] = []): Promise<void> {
  for (const machine of hosts.machines) {
    await run('docker', ['-H', `ssh://root@${machine.address}`, 'ps', ...dockerArgs, '--format', '{{.ID}}'], {
      env: hosts.dockerEnv,
    });
  }
}

/**
 * Opens the vault with {@link BENCH_PASSPHRASE}, imports the rig key and adds every machine as a
 * host with its host key pinned (read out of band), then drops the connections that adding made,
 * so what is timed next pays for its own logins, as the docker loop does.
 */
export async function addRigHosts(core: Core, hosts: RigHosts): Promise<void> {
  const client = core.connectInProcess();
  await client.api.vault.initialize({ passphrase: BENCH_PASSPHRASE });
  const key = await client.api.keys.import({ name: 'rig', path: hosts.keyPath });
  for (const machine of hosts.machines) {
    const fingerprint = await machineHostKeyFingerprint(machine.name);
    await client.api.hosts.add({
      kind: 'ssh',
      name: machine.name,
      address: machine.address,
      port: machine.port,
      user: 'root',
      keyId: key.id,
      trust: { fingerprint },
    });
  }
  for (const host of await client.api.hosts.list({})) await core.runtime.forget(host.id);
  client.close();
}
