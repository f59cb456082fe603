// Brings up the rig's machines that run Docker (`rig.sh up-docker`), for the test files that
// need them. Called from their beforeAll; under vitest the global setups have made them all
// already (DOCKER_RIG_ENV), and benchmarks call rig.sh, which holds a lock and answers in ~3 s
// when warm.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseDockerRigInfo, type DockerRigInfo, type DockerRigMachine } from '../rig/docker-rig-info.js';
import { runRig } from './run-rig.js';

const run = promisify(execFile);

/** The most Docker machines any test file uses (crossdock-docker-9, the browser migration). */
export const DOCKER_MACHINES = 9;

/**
 * Where the integration and browser global setups leave the answer of their `rig.sh up-docker 9`.
 * Files run side by side (test/lanes), and rig.sh logs in to every machine it reports: that login
 * can meet another file restarting or killing a machine's sshd (host-key-change, hosts-api,
 * migration-faults) and fail a file that never uses that machine. With every machine made before
 * the first file starts, no file sees another's machine appear either.
 */
export const DOCKER_RIG_ENV = 'CROSSDOCK_RIG_DOCKER';

/**
 * Runs `rig.sh up-docker count`, or answers with what a global setup already brought up; fails
 * (never skips) when Docker or the rig is missing.
 */
export function upDockerRig(count = 2): Promise<DockerRigInfo> {
  const made = process.env[DOCKER_RIG_ENV];
  if (made !== undefined) {
    const rig = parseDockerRigInfo(made);
    if (rig.machines.some((m) => m.name === `crossdock-docker-${count}`)) return Promise.resolve(rig);
  }
  return runRig(['up-docker', String(count)], parseDockerRigInfo);
}

/** The machine called `name` in the rig's answer. */
export function machineNamed(rig: DockerRigInfo, name: string): DockerRigMachine {
  const machine = rig.machines.find((m) => m.name === name);
  if (!machine) throw new Error(`rig.sh up-docker did not report ${name}`);
  return machine;
}

/** Runs a shell script inside a machine, out of band (docker exec, as root, no SSH). */
export async function onMachine(machine: string, script: string): Promise<string> {
  const { stdout } = await run('docker', ['exec', machine, 'sh', '-c', script]);
  return stdout;
}
