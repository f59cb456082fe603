import { CrossdockError } from '../../../shared/index.js';
import type { Command } from './context.js';

const USAGE = 'Usage: crossdock ssh HOST [-- COMMAND [ARGS…]]';

/**
 * `crossdock ssh HOST [-- CMD…]`: a login shell on the host, or one command, over the host's
 * pooled connection with the key from the vault. A terminal gets a pseudo-terminal that follows
 * the window's size; otherwise standard input and output are passed through byte for byte, so
 * it works in pipes (`crossdock ssh web-1 -- tar c /srv > srv.tar`). Exits with the remote code.
 */
export const sshCommand: Command = async (args, { client }) => {
  const separator = args.indexOf('--');
  const words = separator === -1 ? args : args.slice(0, separator);
  const command = separator === -1 ? [] : args.slice(separator + 1);
  const [host, ...extra] = words;
  if (!host || extra.length > 0) throw new CrossdockError('INVALID_ARGUMENT', `${USAGE} (put the command after "--")`);
  if (separator !== -1 && command.length === 0)
    throw new CrossdockError('INVALID_ARGUMENT', `${USAGE} (nothing after "--")`);

  // A pseudo-terminal only when a person is at one, as ssh does by default.
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const api = client.api.hosts;
  let sessionId: string | null = null;
  // Input typed or piped before the session id arrives is kept and sent once it does.
  const pending: { bytes: Buffer; eof: boolean }[] = [];
  let sending = Promise.resolve();
  const send = (bytes: Buffer, eof: boolean): void => {
    if (!sessionId) {
      pending.push({ bytes, eof });
      return;
    }
    const id = sessionId;
    sending = sending.then(() =>
      api
        .shellInput({ sessionId: id, base64: bytes.toString('base64'), ...(eof ? { eof } : {}) })
        .catch(() => undefined),
    );
  };
  const onData = (chunk: Buffer): void => send(chunk, false);
  const onEnd = (): void => send(Buffer.alloc(0), true);
  const onResize = (): void => {
    if (sessionId)
      void api
        .shellResize({ sessionId, cols: process.stdout.columns, rows: process.stdout.rows })
        .catch(() => undefined);
  };

  if (tty) {
    process.stdin.setRawMode(true);
    process.stdout.on('resize', onResize);
  }
  process.stdin.on('data', onData);
  // Without a terminal, the end of piped input is the remote command's end of input.
  if (!tty) process.stdin.once('end', onEnd);
  process.stdin.resume();
  try {
    const code = await api.shell(
      {
        host,
        tty,
        ...(command.length ? { command } : {}),
        ...(tty
          ? { cols: process.stdout.columns, rows: process.stdout.rows, term: process.env.TERM || 'xterm-256color' }
          : {}),
      },
      {
        onChunk: (chunk) => {
          if (chunk.kind === 'session') {
            sessionId = chunk.sessionId;
            for (const queued of pending.splice(0)) send(queued.bytes, queued.eof);
          } else {
            (chunk.stream === 'stderr' ? process.stderr : process.stdout).write(Buffer.from(chunk.base64, 'base64'));
          }
        },
      },
    );
    // A pipe takes writes asynchronously: let it drain before the CLI exits with the code.
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    return code;
  } finally {
    if (tty) {
      process.stdin.setRawMode(false);
      process.stdout.off('resize', onResize);
    }
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdin.pause();
  }
};
