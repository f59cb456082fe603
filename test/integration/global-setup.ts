// Vitest global setup for integration tests: brings up the rig's test machines and hands their
// addresses and key to the tests as inject('rig'); brings up its Docker machines too, all of them
// before any file starts (test files run side by side: see DOCKER_RIG_ENV in docker-rig.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { parseDockerRigInfo } from '../rig/docker-rig-info.js';
import { parseRigInfo, type RigInfo } from '../rig/rig-info.js';
import { DOCKER_MACHINES, DOCKER_RIG_ENV } from './docker-rig.js';

declare module 'vitest' {
  export interface ProvidedContext {
    rig: RigInfo;
  }
}

const rigScript = fileURLToPath(new URL('../rig/rig.sh', import.meta.url));
// A cold rig (apt installs, debootstrap, image build) takes a few minutes; a warm one seconds.
const rigTimeoutMs = 15 * 60_000;

interface RigRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runRig(args: string[]): Promise<RigRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [rigScript, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: rigTimeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // Shown live: on a cold machine the rig works for minutes and should say what it does.
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function machineCount(): number {
  const raw = process.env.CROSSDOCK_RIG_MACHINES ?? '3';
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`CROSSDOCK_RIG_MACHINES must be a positive integer, got "${raw}"`);
  }
  return count;
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const count = machineCount();
  const result = await runRig(['up', String(count)]);
  // No Docker means failed integration tests, never skipped ones: throw with the rig's own words.
  if (result.code !== 0) {
    throw new Error(
      `test rig failed: bash ${rigScript} up ${count} exited ${result.code ?? 'by signal'}\n${tail(result.stderr)}`,
    );
  }
  const lastLine = result.stdout.trimEnd().split('\n').at(-1) ?? '';
  let rig: RigInfo;
  try {
    rig = parseRigInfo(lastLine);
  } catch (error) {
    throw new Error(`test rig printed no valid JSON line: ${JSON.stringify(lastLine)}`, { cause: error });
  }
  project.provide('rig', rig);

  const docker = await runRig(['up-docker', String(DOCKER_MACHINES)]);
  if (docker.code !== 0) {
    throw new Error(
      `test rig failed: bash ${rigScript} up-docker ${DOCKER_MACHINES} exited ${docker.code ?? 'by signal'}\n${tail(docker.stderr)}`,
    );
  }
  const dockerLine = docker.stdout.trimEnd().split('\n').at(-1) ?? '';
  // Checked here, so a wrong answer fails the setup rather than every file that reads it.
  parseDockerRigInfo(dockerLine);
  // Workers are started after the global setups, with this process's environment.
  process.env[DOCKER_RIG_ENV] = dockerLine;

  return async () => {
    // Machines are kept for the next run (starting them again costs seconds, building minutes);
    // `rig.sh down` or CROSSDOCK_RIG_TEARDOWN=1 removes them.
    if (process.env.CROSSDOCK_RIG_TEARDOWN !== '1') return;
    const down = await runRig(['down']);
    if (down.code !== 0) throw new Error(`rig.sh down failed:\n${tail(down.stderr)}`);
  };
}
