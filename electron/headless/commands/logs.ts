import { parseArgs } from 'node:util';
import { CrossdockError } from '../../../shared/index.js';
import type { Command } from './context.js';
import { parseContainerRef } from './ssh-target.js';

export const logsCommand: Command = async (args, { client }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { follow: { type: 'boolean', short: 'f', default: false }, tail: { type: 'string' } },
    strict: true,
  });
  if (positionals.length !== 1 || !positionals[0])
    throw new CrossdockError('INVALID_ARGUMENT', 'Usage: crossdock logs HOST/CONTAINER [-f] [--tail N]');
  const tail = values.tail === undefined ? undefined : Number(values.tail);
  if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
    throw new CrossdockError('INVALID_ARGUMENT', `--tail must be a whole number, not "${values.tail}"`);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    await client.api.docker.logs(
      { ...parseContainerRef(positionals[0]), follow: values.follow, tail },
      {
        signal: controller.signal,
        onChunk: (chunk) => (chunk.stream === 'stderr' ? process.stderr : process.stdout).write(chunk.text),
      },
    );
  } catch (error) {
    // Ctrl+C ends a followed log normally.
    if (error instanceof CrossdockError && error.code === 'CANCELLED' && controller.signal.aborted) return 0;
    throw error;
  }
  return 0;
};
