// The machine and bootstrap commands of the real `crossdock` bin on the local sandbox: the job's
// log streams to stderr while stdout holds only the answer (--json), and a job that fails ends
// the command with its error and code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootstrapReport, MachineInfo } from '../../../shared/index.js';
import { upDockerRig } from '../docker-rig.js';
import { runId } from './run-id.js';

const NAME = `cli-it-${runId}`;
let home: string;

/** Runs the real `crossdock` bin with the test's data directory and vault passphrase. */
function crossdock(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
      env: { ...process.env, CROSSDOCK_HOME: home, CROSSDOCK_PASSPHRASE: 'machine cli passphrase', HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  await upDockerRig(1); // the sandbox image is built from the rig's debian:12
  home = mkdtempSync(join(tmpdir(), 'crossdock-machine-cli-'));
}, 600_000);

afterAll(async () => {
  // A failed test may leave the machine: destroy it the way a user would.
  if ((await crossdock(['machine', 'ls', '--json'])).stdout.includes(NAME)) await crossdock(['machine', 'rm', NAME]);
  rmSync(home, { recursive: true, force: true });
}, 120_000);

describe('crossdock machine / bootstrap', () => {
  it("ends with the failed job's error and code, after streaming its log", async () => {
    const failed = await crossdock(['machine', 'create', `${NAME}-big`, '--size', 'colossal']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain(`SSH key machine-${NAME}-big`);
    expect(failed.stderr.trimEnd().split('\n').at(-1)).toMatch(/^crossdock: .*colossal.*\(INVALID_ARGUMENT\)$/);
  });

  it('creates a machine (JSON on stdout, the log on stderr), bootstraps it again idempotently, and destroys it', {
    timeout: 600_000,
  }, async () => {
    const created = await crossdock(['machine', 'create', NAME, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const machine = JSON.parse(created.stdout) as MachineInfo;
    expect(machine).toMatchObject({ name: NAME, providerKind: 'local', state: 'running', hostName: NAME });
    expect(created.stderr).toContain(`Created ${NAME}`);
    expect(created.stderr).toContain('Host keys reported by the provider');

    const again = await crossdock(['bootstrap', NAME, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as BootstrapReport).changed).toBe(false);
    expect(again.stderr).not.toBe('');

    const listed = await crossdock(['machine', 'ls', '--json']);
    expect((JSON.parse(listed.stdout) as MachineInfo[]).map((m) => m.name)).toContain(NAME);
    const removed = await crossdock(['machine', 'rm', NAME]);
    expect(removed).toMatchObject({ code: 0, stdout: `Destroyed ${NAME}\n` });
  });
});
