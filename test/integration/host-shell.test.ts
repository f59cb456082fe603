// A shell on a host, as a user gets one: `hosts.shell` through the contract (one command with its
// exit code and both outputs; an interactive pseudo-terminal that follows resizes), the real
// `crossdock ssh` bin in pipes (bytes through stdin and stdout unchanged, the exit code passed
// through), and the user's own OpenSSH `ssh` with `crossdock ssh-config` and `crossdock agent`
// (the pinned host key is checked; a wrong pin is refused). Against the rig's plain machines.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { ShellChunk } from '../../shared/index.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';

// Fresh Node processes that unlock the vault (scrypt) on a busy 2-core machine.
vi.setConfig({ testTimeout: 180_000 });

const rig = inject('rig');
const machine = rig.machines[0]!;
const PASSPHRASE = 'shell-test-passphrase';
const HOST = 'shell-1';
let home: string;
let core: Core;

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function crossdock(args: string[], stdin?: Buffer | string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/crossdock.mjs', ...args], {
      env: { ...process.env, CROSSDOCK_HOME: home, CROSSDOCK_PASSPHRASE: PASSPHRASE },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function runProcess(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
  });
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'crossdock-shell-it-'));
  const added = await crossdock([
    'host',
    'add',
    HOST,
    '--ssh',
    `root@${machine.address}:${machine.port}`,
    '--key',
    rig.keyPath,
    '--trust',
    await machineHostKeyFingerprint(machine.name),
  ]);
  if (added.code !== 0) throw new Error(`host add failed: ${added.stderr}`);
  core = createCore({ mode: 'cli', dataDir: home });
  await core.vault.unlock(PASSPHRASE);
});

afterAll(async () => {
  await core?.dispose();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('hosts.shell through the contract', () => {
  it('runs one command: both outputs and its exit code', async () => {
    const client = core.connectInProcess();
    const chunks: ShellChunk[] = [];
    const code = await client.api.hosts.shell(
      { host: HOST, tty: false, command: ['echo out-$((20+22));', 'echo err >&2;', 'exit 3'] },
      { onChunk: (chunk) => chunks.push(chunk) },
    );
    const text = (stream: 'stdout' | 'stderr'): string =>
      chunks
        .flatMap((c) =>
          c.kind === 'output' && c.stream === stream ? [Buffer.from(c.base64, 'base64').toString()] : [],
        )
        .join('');
    expect(code).toBe(3);
    expect(chunks[0]?.kind).toBe('session');
    expect(text('stdout')).toBe('out-42\n');
    expect(text('stderr')).toBe('err\n');
    client.close();
  });

  it('gives an interactive login shell a terminal that follows resizes', async () => {
    const client = core.connectInProcess();
    let sessionId = '';
    let output = '';
    const seen = (needle: RegExp): Promise<void> =>
      vi.waitFor(() => expect(output).toMatch(needle), { timeout: 20_000, interval: 50 });
    const send = (text: string): Promise<void> =>
      client.api.hosts.shellInput({ sessionId, base64: Buffer.from(text).toString('base64') });
    const done = client.api.hosts.shell(
      { host: HOST, tty: true, cols: 91, rows: 33, term: 'xterm-256color' },
      {
        onChunk: (chunk) => {
          if (chunk.kind === 'session') sessionId = chunk.sessionId;
          else output += Buffer.from(chunk.base64, 'base64').toString();
        },
      },
    );
    await vi.waitFor(() => expect(sessionId).not.toBe(''));
    await send('echo "size=$(stty size) term=$TERM tty=$(tty | cut -c1-8)"\n');
    await seen(/size=33 91 term=xterm-256color tty=\/dev\/pt/);
    await client.api.hosts.shellResize({ sessionId, cols: 120, rows: 40 });
    await send('echo "now=$(stty size)"; exit 7\n');
    await seen(/now=40 120/);
    expect(await done).toBe(7);
    client.close();
  });

  it('names a host that does not exist', async () => {
    const client = core.connectInProcess();
    await expect(client.api.hosts.shell({ host: 'no-such-host', tty: false })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    client.close();
  });
});

describe('a known server under a new name', () => {
  it('says which host already pinned the key it presents', async () => {
    const client = core.connectInProcess();
    const keyId = core.keys.list()[0]!.id;
    const again = client.api.hosts.add({
      kind: 'ssh',
      name: 'shell-1-again',
      address: machine.address,
      port: machine.port,
      user: 'tester',
      keyId,
    });
    await expect(again).rejects.toMatchObject({
      code: 'HOST_KEY_UNKNOWN',
      message: expect.stringContaining('already pinned this key for host "shell-1"'),
      details: expect.objectContaining({ pinnedFor: [HOST] }),
    });
    expect(core.hosts.list().map((host) => host.name)).toEqual([HOST]);
    client.close();
  });
});

describe('crossdock ssh (the bin)', () => {
  it('passes bytes through stdin and stdout unchanged, and the exit code', async () => {
    const payload = randomBytes(3 * 1024 * 1024 + 17);
    const copied = await crossdock(['ssh', HOST, '--', 'cat'], payload);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout.equals(payload)).toBe(true);

    const failed = await crossdock(['ssh', HOST, '--', 'echo', 'bye;', 'exit', '42']);
    expect(failed.stdout.toString()).toBe('bye\n');
    expect(failed.code).toBe(42);
  });

  it('names the host that does not exist', async () => {
    const result = await crossdock(['ssh', 'nowhere', '--', 'true']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no host named "nowhere".*NOT_FOUND/);
  });
});

describe("the user's own ssh with ssh-config and the agent", () => {
  let agent: ChildProcess | undefined;
  let configPath: string;
  afterAll(() => {
    agent?.kill('SIGTERM');
  });

  beforeAll(async () => {
    const config = await crossdock(['ssh-config']);
    expect(config.code).toBe(0);
    configPath = join(home, 'ssh_config');
    writeFileSync(configPath, config.stdout);
    agent = spawn(process.execPath, ['bin/crossdock.mjs', 'agent'], {
      env: { ...process.env, CROSSDOCK_HOME: home, CROSSDOCK_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    agent.stdout!.setEncoding('utf8').on('data', (chunk: string) => (said += chunk));
    await vi.waitFor(() => expect(said).toMatch(/Ctrl\+C stops it/), { timeout: 60_000, interval: 100 });
  });

  it('logs in with the key from the agent and the pinned host key', async () => {
    const result = await runProcess('ssh', ['-F', configPath, '-o', 'BatchMode=yes', HOST, 'echo', 'from-openssh']);
    expect(result.stderr).not.toMatch(/verification failed/i);
    expect(result.stdout.toString()).toBe('from-openssh\n');
    expect(result.code).toBe(0);
  });

  it('refuses the server when the pin does not match its key', async () => {
    const stored = core.hosts.find(HOST);
    core.hosts.update(stored.id, { hostKey: { keyType: 'ssh-ed25519', fingerprint: `SHA256:${'A'.repeat(43)}` } });
    try {
      const result = await runProcess('ssh', ['-F', configPath, '-o', 'BatchMode=yes', HOST, 'echo', 'should-not-run']);
      expect(result.code).toBe(255);
      expect(result.stdout.toString()).toBe('');
      expect(result.stderr).toMatch(/Host key verification failed/);
    } finally {
      core.hosts.update(stored.id, { hostKey: stored.hostKey });
    }
  });
});
