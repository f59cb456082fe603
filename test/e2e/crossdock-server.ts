import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `crossdock serve` prints: the address with the token the page needs. */
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/;

export interface CrossdockServer {
  url: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL, as a crash would); its data directory stays, for a restart on it. */
  crash(): Promise<void>;
}

/** A server started from test/e2e/serve-with-test-jobs.ts: it can start a long job of the tests' own kind. */
export interface CrossdockServerWithTestJobs extends CrossdockServer {
  /** Starts a 20-step test job (about 8 s) in the server's core; resolves with its id. */
  startTestJob(): Promise<string>;
}

/**
 * Starts the real web mode (`node bin/crossdock.mjs serve --port 0`) with a fresh data directory
 * (or `options.home`, prepared by the caller), and resolves with the URL once the server has
 * printed it. `options.env` adds to (or overrides) the inherited environment.
 */
export async function startCrossdockServer(
  options: { home?: string; env?: Record<string, string> } = {},
): Promise<CrossdockServer> {
  const { server } = await spawnServer(['bin/crossdock.mjs', 'serve', '--port', '0'], options);
  return server;
}

/** The web mode with a way to start test jobs (see serve-with-test-jobs.ts). */
export async function startCrossdockServerWithTestJobs(): Promise<CrossdockServerWithTestJobs> {
  const { server, child } = await spawnServer(['--import', 'tsx', 'test/e2e/serve-with-test-jobs.ts'], {});
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    ...server,
    startTestJob: async () => {
      const before = output.length;
      child.stdin?.write('start-job\n');
      const deadline = Date.now() + 10_000;
      for (;;) {
        const match = /job ([\w-]+)\n/.exec(output.slice(before));
        if (match?.[1]) return match[1];
        if (Date.now() > deadline) throw new Error(`The test server started no job within 10 s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function spawnServer(
  args: string[],
  options: { home?: string; env?: Record<string, string> },
): Promise<{ server: CrossdockServer; child: ChildProcess }> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'crossdock-e2e-'));
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, CROSSDOCK_HOME: home },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('crossdock serve printed no URL within 60 s')), 60_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(new Error(`${error.message}\n--- output of crossdock serve ---\n${output}`));
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(new Error(`crossdock serve exited early (code ${code}, signal ${signal})`)),
    );
  });
  const server: CrossdockServer = {
    url,
    stop: async () => {
      await stopProcess(child);
      rmSync(home, { recursive: true, force: true });
    },
    crash: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
  return { server, child };
}

/** SIGTERM lets the server close its sockets and journal; SIGKILL if it does not within 5 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
