import { createInterface } from 'node:readline/promises';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { CrossdockError } from '../../../shared/index.js';
import type { Command, CommandContext } from './context.js';
import { formatTable } from './output.js';
import { promptSecret } from './prompt.js';

const USAGE =
  'crossdock registry login REGISTRY [-u USER] [--password-stdin] [--no-verify] | registry ls [--json] | registry test REGISTRY | registry rm REGISTRY | registry import [--json]';

const usage = (): CrossdockError => new CrossdockError('INVALID_ARGUMENT', `Usage: ${USAGE}`);

/** The username: the option, else asked on a terminal (visible, as docker login does). */
async function readUsername(registry: string, given: string | undefined): Promise<string> {
  if (given?.trim()) return given.trim();
  if (!process.stdin.isTTY)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `Give the username for ${registry} with -u USER (no terminal to ask on)`,
    );
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`Username for ${registry}: `)).trim();
    if (!answer) throw new CrossdockError('INVALID_ARGUMENT', `The username for ${registry} is empty`);
    return answer;
  } finally {
    rl.close();
  }
}

/** The password: piped stdin with --password-stdin (one trailing newline dropped), else a hidden prompt. */
async function readPassword(registry: string, fromStdin: boolean): Promise<string> {
  const password = fromStdin
    ? (await text(process.stdin)).replace(/\r?\n$/, '')
    : await promptSecret(
        `Password or token for ${registry}: `,
        `Give the password for ${registry} on standard input with --password-stdin (no terminal to ask on)`,
      );
  if (password === '') throw new CrossdockError('INVALID_ARGUMENT', `The password for ${registry} is empty`);
  return password;
}

async function login(rest: string[], { client, out }: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      username: { type: 'string', short: 'u' },
      'password-stdin': { type: 'boolean', default: false },
      'no-verify': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [registry, ...extra] = positionals;
  if (!registry || extra.length > 0) throw usage();
  const username = await readUsername(registry, values.username);
  const password = await readPassword(registry, values['password-stdin']);
  const saved = await client.api.registries.login({ registry, username, password, verify: !values['no-verify'] });
  out(
    values['no-verify']
      ? `Saved the login of ${saved.username} for ${saved.registry} in the vault (not checked)`
      : `Checked and saved the login of ${saved.username} for ${saved.registry} in the vault`,
  );
  return 0;
}

/** `crossdock registry …`: registry logins kept once, in the vault, and sent with each pull. */
export const registryCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === 'login') return login(rest, ctx);
  const { client, out } = ctx;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const [registry, ...extra] = positionals;
  if (sub === 'ls' || sub === 'list') {
    if (registry) throw usage();
    const logins = await client.api.registries.list({});
    out(
      values.json
        ? JSON.stringify(logins, null, 2)
        : logins.length === 0
          ? 'No registry logins; "crossdock registry login REGISTRY" or "crossdock registry import" adds them'
          : formatTable(
              ['REGISTRY', 'USERNAME', 'SAVED'],
              logins.map((entry) => [entry.registry, entry.username, entry.savedAt]),
            ),
    );
    return 0;
  }
  if (sub === 'import') {
    if (registry) throw usage();
    const report = await client.api.registries.import({});
    if (values.json) {
      out(JSON.stringify(report, null, 2));
      return 0;
    }
    if (report.configPath === null) {
      out('No Docker client config found ($DOCKER_CONFIG/config.json or ~/.docker/config.json): nothing to import');
      return 0;
    }
    const lines = [`Read ${report.configPath}`];
    for (const entry of report.imported)
      lines.push(`imported  ${entry.registry} (${entry.username}, from ${entry.source})`);
    for (const entry of report.skipped) lines.push(`skipped   ${entry.server}: ${entry.reason}`);
    lines.push(`${report.imported.length} imported, ${report.skipped.length} skipped`);
    out(lines.join('\n'));
    return 0;
  }
  if ((sub !== 'test' && sub !== 'rm') || !registry || extra.length > 0) throw usage();
  if (sub === 'rm') {
    await client.api.registries.remove({ registry });
    out(`Removed the login for ${registry} (its secret is deleted from the vault)`);
    return 0;
  }
  const result = await client.api.registries.test({ registry });
  out(
    result.auth === 'anonymous'
      ? `${result.registry} answers at ${result.endpoint} without any login (the saved one was not needed)`
      : `The login for ${result.registry} works (${result.auth === 'token' ? 'token flow' : 'Basic auth'} at ${result.endpoint})`,
  );
  return 0;
};
