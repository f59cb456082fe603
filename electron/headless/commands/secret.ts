import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { CrossdockError } from '../../../shared/index.js';
import type { Command } from './context.js';
import { formatTable } from './output.js';
import { promptSecret } from './prompt.js';

const USAGE = 'crossdock secret set NAME [--from-file PATH] | secret ls [--json] | secret rm NAME';

/** The value: a file, else piped standard input (one trailing newline dropped), else a hidden prompt. */
async function readValue(name: string, fromFile: string | undefined): Promise<string> {
  if (fromFile) return readFileSync(fromFile, 'utf8');
  if (!process.stdin.isTTY) return (await text(process.stdin)).replace(/\r?\n$/, '');
  return promptSecret(`Value of ${name}: `, `Give the value of ${name} on standard input or with --from-file`);
}

/** `crossdock secret …`: values for compose files' secrets, kept in the vault. */
export const secretCommand: Command = async (args, { client, out }) => {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { 'from-file': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const [name, ...extra] = positionals;
  if (sub === 'ls' || sub === 'list') {
    const secrets = await client.api.workloads.secrets({});
    out(
      values.json
        ? JSON.stringify(secrets, null, 2)
        : formatTable(
            ['NAME', 'UPDATED'],
            secrets.map((s) => [s.name, s.updatedAt]),
          ),
    );
    return 0;
  }
  if ((sub !== 'set' && sub !== 'rm') || !name || extra.length > 0)
    throw new CrossdockError('INVALID_ARGUMENT', `Usage: ${USAGE}`);
  if (sub === 'rm') {
    if (!(await client.api.workloads.removeSecret({ name })))
      throw new CrossdockError('NOT_FOUND', `There is no secret "${name}"; "crossdock secret ls" lists them`, {
        secret: name,
      });
    out(`Removed secret ${name}`);
    return 0;
  }
  const value = await readValue(name, values['from-file']);
  if (value === '') throw new CrossdockError('INVALID_ARGUMENT', `The value of ${name} is empty`);
  await client.api.workloads.setSecret({ name, value });
  out(`Stored secret ${name} in the vault; compose files use it with secrets: { ${name}: { external: true } }`);
  return 0;
};
