// Brings up the rig's machines that run Docker (`rig.sh up-docker`), for the test files that
// need them. Called from their beforeAll (the shared global setup only makes plain machines);
// rig.sh holds a lock, so files starting together take turns, and a warm rig answers in ~3 s.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseDockerRigInfo, type DockerRigInfo, type DockerRigMachine } from '../rig/docker-rig-info.js';
import { runRig } from './run-rig.js';

const run = promisify(execFile);

/** Runs `rig.sh up-docker count`; fails (never skips) when Docker or the rig is missing. */
export function upDockerRig(count = 2): Promise<DockerRigInfo> {
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
