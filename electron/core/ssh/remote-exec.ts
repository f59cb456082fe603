import type { Duplex, Readable, Writable } from 'node:stream';
import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { CrossdockError } from '../../../shared/index.js';
import type { ChannelRegistry } from './channel-registry.js';
import { terminate } from './remote-signal.js';

/** Options of a command run over SSH. */
export interface ExecOptions {
  /** Aborting ends the remote process and closes the channel (see {@link terminate}). */
  signal?: AbortSignal | undefined;
  /** Allocate a pseudo-terminal (interactive programs, `sudo` that wants a tty). */
  pty?: boolean | PseudoTtyOptions | undefined;
  /** Sent to the command's standard input, then end of file. Without it stdin is closed at once. */
  stdin?: string | Buffer | Readable | undefined;
  /** Environment variables (sshd only accepts those its AcceptEnv allows). */
  env?: Record<string, string> | undefined;
}

/** How a remote command ended: an exit code, or the signal that killed it. */
export interface ExitStatus {
  exitCode: number | null;
  exitSignal: string | null;
}

/** The collected outcome of a command. A non-zero exit code is a result, not an error. */
export interface ExecResult extends ExitStatus {
  stdout: string;
  stderr: string;
}

/** A command running over SSH, streamed. */
export interface RemoteProcess {
  stdout: Readable;
  stderr: Readable;
  stdin: Writable;
  /** stdout and stdin as one stream, to speak a protocol through a command (`docker system dial-stdio`). */
  duplex: Duplex;
  /**
   * Settles when the channel has closed, or at once when cancelled (the channel then finishes
   * closing in the background, see {@link terminate}). Never rejects.
   */
  exited: Promise<ExitStatus & { cancelled: boolean }>;
  /** Ends the process: SIGTERM, then SIGKILL and the channel close if it has not exited within 1 s. */
  close(): void;
}

/** Where channels come from: the host's connection, plus what names it in messages. */
export interface ChannelSource {
  client: Client;
  registry: ChannelRegistry;
  host: string;
}

/** Opens an exec channel, counted in the registry, closed again if `signal` fired meanwhile. */
export function openExecChannel(source: ChannelSource, command: string, options: ExecOptions): Promise<ClientChannel> {
  const { client, registry, host } = source;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(cancelled(host));
    const execOptions = {
      ...(options.pty !== undefined ? { pty: options.pty } : {}),
      ...(options.env !== undefined ? { env: options.env } : {}),
    };
    client.exec(command, execOptions, (error, channel) => {
      if (error) return reject(channelOpenError(error, host, 'a command session'));
      registry.add(channel);
      if (options.signal?.aborted) {
        terminate(channel);
        return reject(cancelled(host));
      }
      resolve(channel);
    });
  });
}

/**
 * Opens an interactive login shell (`client.shell`), with a pseudo-terminal when `pty` is given,
 * counted in the registry like exec channels.
 */
export function openShellChannel(
  source: ChannelSource,
  pty: PseudoTtyOptions | false,
  signal?: AbortSignal,
): Promise<ClientChannel> {
  const { client, registry, host } = source;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(host));
    client.shell(pty, (error, channel) => {
      if (error) return reject(channelOpenError(error, host, 'a shell'));
      registry.add(channel);
      if (signal?.aborted) {
        terminate(channel);
        return reject(cancelled(host));
      }
      resolve(channel);
    });
  });
}

/** Runs a command and collects its output (UTF-8). Rejects with CANCELLED when aborted. */
export async function execCollect(
  source: ChannelSource,
  command: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const channel = await openExecChannel(source, command, options);
  const proc = startProcess(channel, options.signal);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  proc.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  proc.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  feedStdin(channel, options.stdin);
  const status = await proc.exited;
  if (status.cancelled) throw cancelled(source.host);
  return {
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    exitCode: status.exitCode,
    exitSignal: status.exitSignal,
  };
}

/** Runs a command and hands back its streams; stdin stays open unless `options.stdin` is given. */
export async function execStream(
  source: ChannelSource,
  command: string,
  options: ExecOptions = {},
): Promise<RemoteProcess> {
  const channel = await openExecChannel(source, command, options);
  const proc = startProcess(channel, options.signal);
  if (options.stdin !== undefined) feedStdin(channel, options.stdin);
  return proc;
}

function startProcess(channel: ClientChannel, signal: AbortSignal | undefined): RemoteProcess {
  const status: ExitStatus = { exitCode: null, exitSignal: null };
  let settle: (cancelled: boolean) => void = () => undefined;
  const exited = new Promise<ExitStatus & { cancelled: boolean }>((resolve) => {
    settle = (wasCancelled) => {
      settle = () => undefined;
      signal?.removeEventListener('abort', cancel);
      resolve({ ...status, cancelled: wasCancelled });
    };
  });
  // A cancelled caller gets its answer now: a root session's command, for one, cannot be
  // signalled and may take a moment to notice its closed pipes.
  let ending = false;
  function cancel(): void {
    settle(true);
    if (ending) return;
    ending = true;
    terminate(channel);
  }
  // ssh2 repeats the exit status in 'close' ('exit' may already have fired while the channel
  // was being handed to us, when sshd sent everything in one packet).
  channel.once('close', (code?: number | null, signalName?: string) => {
    status.exitCode = typeof code === 'number' ? code : null;
    status.exitSignal = signalName ?? null;
    settle(false);
  });
  signal?.addEventListener('abort', cancel, { once: true });
  return { stdout: channel, stderr: channel.stderr, stdin: channel, duplex: channel, exited, close: cancel };
}

function feedStdin(channel: ClientChannel, stdin: ExecOptions['stdin']): void {
  if (stdin === undefined) channel.end();
  else if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) channel.end(stdin);
  else stdin.pipe(channel);
}

export function cancelled(host: string): CrossdockError {
  return new CrossdockError('CANCELLED', `The operation on ${host} was cancelled.`, { host });
}

/** ssh2 could not open a channel: the connection is gone, or sshd said no (MaxSessions, policy). */
export function channelOpenError(error: Error, host: string, what: string): CrossdockError {
  const gone = /No response from server|Not connected|closed/i.test(error.message);
  const made = gone
    ? new CrossdockError('DISCONNECTED', `The SSH connection to ${host} closed before ${what} could be opened.`, {
        host,
      })
    : new CrossdockError('FAILED_PRECONDITION', `${host} refused to open ${what}: ${error.message}`, { host });
  made.cause = error;
  return made;
}
