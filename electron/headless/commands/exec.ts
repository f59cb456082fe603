import { CrossdockError } from '../../../shared/index.js';
import type { Command } from './context.js';
import { parseContainerRef } from './ssh-target.js';

/** `crossdock exec HOST/CONTAINER -- CMD…`: runs CMD in the container; exits with its code. */
export const execCommand: Command = async (args, { client }) => {
  const separator = args.indexOf('--');
  const ref = separator === 1 ? args[0] : undefined;
  const command = separator === 1 ? args.slice(2) : [];
  if (!ref || command.length === 0)
    throw new CrossdockError('INVALID_ARGUMENT', 'Usage: crossdock exec HOST/CONTAINER -- COMMAND [ARGS…]');
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const controller = new AbortController();
  let sessionId: string | null = null;
  const sendInput = (data: Buffer | string): void => {
    if (sessionId) void client.api.docker.execInput({ sessionId, data: data.toString() }).catch(() => undefined);
  };
  if (tty) {
    process.stdin.setRawMode(true);
    process.stdin.on('data', sendInput);
    process.stdin.resume();
  }
  try {
    return await client.api.docker.exec(
      { ...parseContainerRef(ref), command, tty, cols: process.stdout.columns, rows: process.stdout.rows },
      {
        signal: controller.signal,
        onChunk: (chunk) => {
          if (chunk.kind === 'session') sessionId = chunk.sessionId;
          else process.stdout.write(chunk.data);
        },
      },
    );
  } finally {
    if (tty) {
      process.stdin.setRawMode(false);
      process.stdin.off('data', sendInput);
      process.stdin.pause();
    }
  }
};
