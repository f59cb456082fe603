import type { Readable } from 'node:stream';
import type { CallContext, LogChunk } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { fromDockerApi } from './docker-api-errors.js';
import { DockerFrameSplitter, RawTextDecoder } from './docker-frames.js';

/**
 * Streams a container's log to the caller. The stream (and with it the SSH channel) is destroyed
 * when the caller cancels, so closing a log view leaves nothing open on the host.
 */
export async function streamLogs(
  engine: DockerEngine,
  hostName: string,
  args: { container: string; follow: boolean; tail?: number | undefined },
  ctx: CallContext<LogChunk>,
): Promise<number> {
  const container = engine.docker.getContainer(args.container);
  const thing = `Container "${args.container}"`;
  let count = 0;
  const emit = (stream: 'stdout' | 'stderr', text: string): void => {
    count++;
    ctx.emit({ stream, text });
  };
  try {
    const info = await engine.call(() => container.inspect({ abortSignal: ctx.signal }));
    const decoder = info.Config.Tty ? new RawTextDecoder(emit) : new DockerFrameSplitter(emit);
    const options = {
      stdout: true,
      stderr: true,
      ...(args.tail !== undefined ? { tail: args.tail } : {}),
      abortSignal: ctx.signal,
    };
    if (!args.follow) {
      const buffer = await engine.call(() => container.logs({ ...options, follow: false }));
      decoder.push(Buffer.from(buffer));
      decoder.end();
      return count;
    }
    const stream = (await engine.call(() => container.logs({ ...options, follow: true }))) as unknown as Readable;
    await new Promise<void>((resolve, reject) => {
      const stop = (): void => {
        stream.destroy();
        reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('cancelled'));
      };
      if (ctx.signal.aborted) return stop();
      ctx.signal.addEventListener('abort', stop, { once: true });
      stream.on('data', (chunk: Buffer) => decoder.push(chunk));
      stream.once('end', () => (decoder.end(), resolve()));
      stream.once('error', (error) => (ctx.signal.aborted ? undefined : reject(error)));
      stream.once('close', () => ctx.signal.removeEventListener('abort', stop));
    });
    return count;
  } catch (error) {
    throw fromDockerApi(error, thing, hostName);
  }
}
