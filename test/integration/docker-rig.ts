// Brings up the rig's machines that run Docker (`rig.sh up-docker`), for the test files that
// need them. Called from their beforeAll (the shared global setup only makes plain machines);
// rig.sh holds a lock, so files starting together take turns, and a warm rig answers in ~3 s.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseDockerRigInfo, type DockerRigInfo, type DockerRigMachine } from '../rig/docker-rig-info.js';

const rigScript = fileURLToPath(new URL('../rig/rig.sh', import.meta.url));
const run = promisify(execFile);

/** Runs `rig.sh up-docker count`; fails (never skips) when Docker or the rig is missing. */
export function upDockerRig(count = 2): Promise<DockerRigInfo> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [rigScript, 'up-docker', String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`bash ${rigScript} up-docker ${count} exited ${code}:\n${stderr.trimEnd().split('\n').slice(-30).join('\n')}`));
        return;
      }
      try {
        resolve(parseDockerRigInfo(stdout.trimEnd().split('\n').at(-1) ?? ''));
      } catch (error) {
        reject(new Error(`rig.sh up-docker printed no valid JSON line:\n${stdout}`, { cause: error }));
      }
    });
  });
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
