import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';
import { CrossdockError } from '../../../../shared/index.js';
import type { ExecResult, ExitStatus, RemoteProcess } from '../../ssh/remote-exec.js';
import type { HostExecOptions } from './types.js';

// How long a cancelled command gets to exit on SIGTERM before SIGKILL (as for remote commands).
const GRACE_MS = 1_000;

/**
 * Runs a command line with `sh -c` on this computer, shaped like a command over SSH so the
 * local engine can be a transfer end. It gets its own process group, so cancel ends the whole
 * pipeline (tar, ssh, dd), not just the shell.
 */
export function spawnLocal(command: string, options: HostExecOptions = {}): RemoteProcess {
  if (options.signal?.aborted)
    throw new CrossdockError('CANCELLED', 'The local command was cancelled.', { host: 'local' });
  const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let settle: (status: ExitStatus & { cancelled: boolean }) => void = () => undefined;
  const exited = new Promise<ExitStatus & { cancelled: boolean }>((resolve) => {
    settle = (status) => {
      settle = () => undefined;
      options.signal?.removeEventListener('abort', close);
      resolve(status);
    };
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  let closing = false;
  function close(): void {
    settle({ exitCode: null, exitSignal: null, cancelled: true });
    if (closing) return;
    closing = true;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), GRACE_MS);
    timer.unref();
    child.once('close', () => clearTimeout(timer));
  }
  child.once('error', () => settle({ exitCode: 127, exitSignal: null, cancelled: false }));
  child.once('close', (code, signal) => settle({ exitCode: code, exitSignal: signal, cancelled: false }));
  options.signal?.addEventListener('abort', close, { once: true });
  // A consumer that exits early makes writes fail with EPIPE; the exit status tells that story.
  child.stdin.on('error', () => undefined);
  // As over SSH: stdin stays open for the caller to write unless `options.stdin` is given.
  const stdin = options.stdin;
  if (stdin === undefined) return processOf(child, exited, close);
  if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) child.stdin.end(stdin);
  else stdin.pipe(child.stdin);
  return processOf(child, exited, close);
}

function processOf(
  child: ChildProcessWithoutNullStreams,
  exited: RemoteProcess['exited'],
  close: () => void,
): RemoteProcess {
  let duplex: Duplex | undefined;
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    stdin: child.stdin,
    // Made only when asked for: wrapping starts reading stdout, which would starve other readers.
    get duplex() {
      return (duplex ??= Duplex.from({ readable: child.stdout, writable: child.stdin }));
    },
    exited,
    close,
  };
}

/** {@link spawnLocal}, collecting the output. */
export async function execLocal(command: string, options: HostExecOptions = {}): Promise<ExecResult> {
  const proc = spawnLocal(command, { ...options, stdin: options.stdin ?? '' });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  proc.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  proc.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const status = await proc.exited;
  if (status.cancelled) throw new CrossdockError('CANCELLED', 'The local command was cancelled.', { host: 'local' });
  return {
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    exitCode: status.exitCode,
    exitSignal: status.exitSignal,
  };
}
