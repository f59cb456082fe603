import { CrossdockError } from '../../../shared/index.js';

/**
 * Asks for a secret on the terminal without echoing it. Without a terminal (scripts, CI) it
 * fails with `hint`, which says which environment variable to set instead.
 */
export async function promptSecret(question: string, hint: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new CrossdockError('INVALID_ARGUMENT', hint);
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') {
            input.off('data', onData);
            resolve(value);
            return;
          }
          if (ch === '\u0003') {
            input.off('data', onData);
            reject(new CrossdockError('CANCELLED', 'Cancelled at the passphrase prompt'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}
