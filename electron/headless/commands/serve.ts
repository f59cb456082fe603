import { parseArgs } from 'node:util';
import { CrossdockError } from '../../../shared/index.js';
import { startWebServer } from '../web-server.js';
import type { Command } from './context.js';

export const serveCommand: Command = async (args, { core, out, rendererDir }) => {
  const { values } = parseArgs({ args, options: { port: { type: 'string', default: '7420' } }, strict: true });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CrossdockError('INVALID_ARGUMENT', `--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  const server = await startWebServer({ core, port, rendererDir });
  out(`Crossdock web mode: ${server.url}`);
  out('Open that address in a browser on this machine. Press Ctrl+C to stop.');
  const stop = (): void => {
    void server
      .close()
      .then(() => core.dispose())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 'keep-alive';
};
