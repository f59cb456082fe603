import { randomUUID } from 'node:crypto';
import { constants } from 'node:os';
import type { ClientChannel, PseudoTtyOptions } from 'ssh2';
import { CrossdockError, type CallContext, type ShellChunk } from '../../../shared/index.js';
import type { HostConnection } from '../ssh/host-connection.js';
import { terminate } from '../ssh/remote-signal.js';

export interface ShellArgs {
  command?: string[] | undefined;
  tty: boolean;
  cols?: number | undefined;
  rows?: number | undefined;
  term?: string | undefined;
}

/** What a shell's end means as a process exit code: its own, or 128 + the signal that ended it. */
export function shellExitCode(code: number | null | undefined, signalName: string | null | undefined): number {
  if (typeof code === 'number') return code;
  if (signalName) {
    const number = (constants.signals as Record<string, number | undefined>)[`SIG${signalName}`];
    if (number !== undefined) return 128 + number;
  }
  return 255; // what OpenSSH's ssh returns when the session ends without a status
}

/**
 * Shells and commands on SSH hosts for a person at a terminal (the CLI's `crossdock ssh`, the
 * app's host terminal). Each session lives exactly as long as its `shell` call, on the host's
 * pooled connection: input and resizes find it by id, and cancelling the call (closing the
 * terminal) ends the remote process.
 */
export class ShellSessions {
  private readonly sessions = new Map<string, ClientChannel>();

  async run(
    connection: HostConnection,
    hostName: string,
    args: ShellArgs,
    ctx: CallContext<ShellChunk>,
  ): Promise<number> {
    const pty: PseudoTtyOptions | false = args.tty
      ? { term: args.term ?? 'xterm-256color', cols: args.cols ?? 80, rows: args.rows ?? 24 }
      : false;
    // Like OpenSSH's ssh: the words are joined with spaces and the login shell interprets them.
    const command = args.command ? args.command.join(' ') : null;
    const channel = await connection.openSession(command, pty, ctx.signal);
    const sessionId = randomUUID();
    this.sessions.set(sessionId, channel);
    ctx.emit({ kind: 'session', sessionId });
    try {
      return await new Promise<number>((resolve, reject) => {
        let exit: { code: number | null; signal: string | null } | null = null;
        const onAbort = (): void => {
          terminate(channel);
          reject(new CrossdockError('CANCELLED', `The shell on ${hostName} was closed`, { host: hostName }));
        };
        if (ctx.signal.aborted) return onAbort();
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        const emit = (stream: 'stdout' | 'stderr') => (chunk: Buffer) =>
          ctx.emit({ kind: 'output', stream, base64: chunk.toString('base64') });
        channel.on('data', emit('stdout'));
        channel.stderr.on('data', emit('stderr'));
        channel.once(
          'exit',
          (code: number | null, signalName?: string) =>
            (exit = { code: typeof code === 'number' ? code : null, signal: signalName ?? null }),
        );
        channel.once('close', (code?: number | null, signalName?: string) => {
          ctx.signal.removeEventListener('abort', onAbort);
          resolve(exit ? shellExitCode(exit.code, exit.signal) : shellExitCode(code, signalName));
        });
      });
    } finally {
      this.sessions.delete(sessionId);
    }
  }

  input(sessionId: string, bytes: Buffer, eof: boolean): void {
    const channel = this.require(sessionId);
    if (bytes.length > 0) channel.write(bytes);
    if (eof) channel.end();
  }

  resize(sessionId: string, cols: number, rows: number): void {
    // ssh2's order is rows, cols, height, width (pixels, unused by terminals here).
    this.require(sessionId).setWindow(rows, cols, 0, 0);
  }

  private require(sessionId: string): ClientChannel {
    const channel = this.sessions.get(sessionId);
    if (!channel) throw new CrossdockError('NOT_FOUND', 'That shell session has ended', { sessionId });
    return channel;
  }
}
