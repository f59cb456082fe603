import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import { CrossdockError, type CallContext, type ExecChunk } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { fromDockerApi } from './docker-api-errors.js';
import { DockerFrameSplitter, RawTextDecoder } from './docker-frames.js';

interface Session {
  stream: Duplex;
  exec: Dockerode.Exec;
}

/**
 * Interactive commands in containers. Each session lives exactly as long as its `exec` call:
 * input and resizes find it by id, and cancelling the call (closing the terminal) ends it.
 */
export class ExecSessions {
  private readonly sessions = new Map<string, Session>();

  async run(
    engine: DockerEngine,
    hostName: string,
    args: { container: string; command: string[]; tty: boolean; cols?: number | undefined; rows?: number | undefined },
    ctx: CallContext<ExecChunk>,
  ): Promise<number> {
    const thing = `Container "${args.container}"`;
    try {
      const exec = await engine.call(() =>
        engine.docker
          .getContainer(args.container)
          .exec({ Cmd: args.command, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: args.tty }),
      );
      const stream = (await engine.call(() => exec.start({ hijack: true, stdin: true, Tty: args.tty }))) as Duplex;
      const sessionId = randomUUID();
      this.sessions.set(sessionId, { stream, exec });
      ctx.emit({ kind: 'session', sessionId });
      if (args.tty && args.cols && args.rows) await exec.resize({ w: args.cols, h: args.rows }).catch(() => undefined);
      const emit = (_stream: string, data: string): void => ctx.emit({ kind: 'output', data });
      const decoder = args.tty ? new RawTextDecoder(emit) : new DockerFrameSplitter(emit);
      try {
        await new Promise<void>((resolve, reject) => {
          const stop = (): void => {
            stream.destroy();
            reject(new CrossdockError('CANCELLED', `The command in ${args.container} on ${hostName} was closed`));
          };
          if (ctx.signal.aborted) return stop();
          ctx.signal.addEventListener('abort', stop, { once: true });
          stream.on('data', (chunk: Buffer) => decoder.push(chunk));
          stream.once('end', () => (decoder.end(), resolve()));
          stream.once('close', () => (ctx.signal.removeEventListener('abort', stop), resolve()));
          stream.once('error', (error) => (ctx.signal.aborted ? undefined : reject(error)));
        });
      } finally {
        this.sessions.delete(sessionId);
        stream.destroy();
      }
      const result = await engine.call(() => exec.inspect());
      return result.ExitCode ?? -1;
    } catch (error) {
      throw fromDockerApi(error, thing, hostName);
    }
  }

  input(sessionId: string, data: string): void {
    this.require(sessionId).stream.write(data);
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<void> {
    await this.require(sessionId).exec.resize({ w: cols, h: rows });
  }

  private require(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new CrossdockError('NOT_FOUND', 'That terminal session has ended', { sessionId });
    return session;
  }
}
