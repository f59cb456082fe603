import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { createCore } from '../../electron/core/create-core.js';
import { startTestJob } from '../fixtures/test-job.js';

// Each test starts the real CLI (a fresh Node process) one or more times.
vi.setConfig({ testTimeout: 60_000 });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs the real `crossdock` bin, as `npx crossdock` would. */
function crossdock(
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/crossdock.mjs', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('crossdock CLI', () => {
  it('prints its version and help', () => {
    expect(crossdock(['--version']).stdout.trim()).toBe(packageJson.version);
    const help = crossdock(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('jobs ls [--json]');
  });

  it('uses CROSSDOCK_HOME as its data directory', () => {
    const dir = home();
    const result = crossdock(['info', '--json'], { CROSSDOCK_HOME: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dataDir: dir, mode: 'cli', version: packageJson.version });
  });

  it('lists jobs from the shared journal, as a table and as JSON', async () => {
    const dir = home();
    const core = createCore({ dataDir: dir, mode: 'test' });
    const job = startTestJob(core.jobs, { steps: 2, stepMs: 1 });
    await core.jobs.wait(job.id);
    await core.dispose();

    const table = crossdock(['jobs', 'ls'], { CROSSDOCK_HOME: dir });
    expect(table.stdout).toMatch(/ID\s+STATE\s+PROGRESS/);
    expect(table.stdout).toContain(job.id.slice(0, 8));
    expect(table.stdout).toContain('succeeded');
    const json = JSON.parse(crossdock(['jobs', 'ls', '--json'], { CROSSDOCK_HOME: dir }).stdout) as {
      id: string;
      state: string;
    }[];
    expect(json).toEqual([expect.objectContaining({ id: job.id, state: 'succeeded' })]);
  });

  it('fails with a non-zero code and one line naming the problem', () => {
    for (const args of [
      ['frobnicate'],
      ['jobs', 'ls', '--colour'],
      ['jobs', 'rm'],
      ['serve', '--port', 'eighty'],
      ['registry', 'frob'],
      ['registry', 'login'],
      // No -u and no terminal to ask on.
      ['registry', 'login', 'ghcr.io', '--password-stdin'],
      ['registry', 'test', 'not a host'],
    ]) {
      const result = crossdock(args, { CROSSDOCK_HOME: home() });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^crossdock: .+ \(INVALID_ARGUMENT\)$/m);
    }
  });

  it('serve prints a 127.0.0.1 URL with a token and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', 'serve', '--port', '0'], {
      env: { ...process.env, CROSSDOCK_HOME: home(), CROSSDOCK_RENDERER_DIR: home() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(text);
        if (match) resolve(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    expect((await fetch(url)).status).toBe(404); // an empty renderer folder: served, but no page
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
