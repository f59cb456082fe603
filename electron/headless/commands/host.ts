import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CrossdockError, type HostInfo, type HostKeyTrust, type SshKeyInfo } from '../../../shared/index.js';
import type { CommandContext, Command } from './context.js';
import { formatTable } from './output.js';
import { promptSecret } from './prompt.js';
import { parseSshTarget } from './ssh-target.js';

const USAGE =
  'crossdock host add NAME --ssh USER@ADDRESS[:PORT] --key PATH [--trust SHA256:… | --trust-on-first-use] | host add NAME --local | host ls [--json] | host trust NAME SHA256:… | host rm NAME';

/** Imports the key file once; a key already in the vault (same fingerprint) is reused. */
async function importKey(path: string, { client }: CommandContext): Promise<SshKeyInfo> {
  const name = basename(path).replace(/[^\w.@-]/g, '_') || 'key';
  const attempt = (passphrase?: string): Promise<SshKeyInfo> => client.api.keys.import({ name, path, passphrase });
  try {
    return await attempt(process.env.CROSSDOCK_KEY_PASSPHRASE);
  } catch (error) {
    if (!(error instanceof CrossdockError) || error.code !== 'KEY_PASSPHRASE_REQUIRED') throw error;
    const passphrase = await promptSecret(
      `Passphrase for ${path}: `,
      `${path} is encrypted: run in a terminal to be asked its passphrase, or set CROSSDOCK_KEY_PASSPHRASE`,
    );
    return attempt(passphrase);
  }
}

function describeHost(host: HostInfo): string[] {
  return [
    host.name,
    host.kind,
    host.endpoint,
    host.status,
    host.hostKey?.fingerprint ?? '',
    host.statusError?.message ?? '',
  ];
}

async function add(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ssh: { type: 'string' },
      key: { type: 'string' },
      trust: { type: 'string' },
      'trust-on-first-use': { type: 'boolean', default: false },
      local: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new CrossdockError('INVALID_ARGUMENT', `Give one host name. Usage: ${USAGE}`);
  let host: HostInfo;
  if (values.local) {
    host = await ctx.client.api.hosts.add({ kind: 'local', name });
  } else {
    if (!values.ssh || !values.key)
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `host add needs --ssh USER@ADDRESS[:PORT] and --key PATH (or --local). Usage: ${USAGE}`,
      );
    if (values.trust && values['trust-on-first-use'])
      throw new CrossdockError('INVALID_ARGUMENT', 'Give --trust SHA256:… or --trust-on-first-use, not both');
    const target = parseSshTarget(values.ssh);
    const key = await importKey(values.key, ctx);
    const trust: HostKeyTrust | undefined = values.trust
      ? { fingerprint: values.trust }
      : values['trust-on-first-use']
        ? { firstUse: true }
        : undefined;
    try {
      host = await ctx.client.api.hosts.add({ kind: 'ssh', name, ...target, keyId: key.id, trust });
    } catch (error) {
      if (
        error instanceof CrossdockError &&
        error.code === 'HOST_KEY_UNKNOWN' &&
        typeof error.details.fingerprint === 'string'
      ) {
        throw new CrossdockError(
          'HOST_KEY_UNKNOWN',
          `${error.message} Check it with the server's owner, then re-run with --trust ${error.details.fingerprint} (or --trust-on-first-use).`,
          error.details,
        );
      }
      throw error;
    }
  }
  if (values.json) ctx.out(JSON.stringify(host, null, 2));
  else ctx.out(`Added ${host.name} (${host.endpoint})${host.hostKey ? `, host key ${host.hostKey.fingerprint}` : ''}`);
  return 0;
}

export const hostCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return add(rest, ctx);
    case 'ls':
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false } },
        strict: true,
      });
      const hosts = await ctx.client.api.hosts.list({});
      if (values.json) ctx.out(JSON.stringify(hosts, null, 2));
      else if (hosts.length === 0)
        ctx.out('No hosts yet. Add one with: crossdock host add NAME --ssh USER@ADDRESS --key PATH');
      else ctx.out(formatTable(['NAME', 'KIND', 'ENDPOINT', 'STATUS', 'HOST KEY', 'ERROR'], hosts.map(describeHost)));
      return 0;
    }
    case 'trust': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {}, strict: true });
      const [name, fingerprint] = positionals;
      if (positionals.length !== 2 || !name || !fingerprint)
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          "Usage: crossdock host trust NAME SHA256:… (after checking the new key with the server's owner)",
        );
      const host = await ctx.client.api.hosts.trustHostKey({ host: name, fingerprint });
      ctx.out(`${host.name} now trusts host key ${host.hostKey?.fingerprint ?? fingerprint}`);
      return 0;
    }
    case 'rm':
    case 'remove': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {}, strict: true });
      if (positionals.length !== 1 || !positionals[0])
        throw new CrossdockError('INVALID_ARGUMENT', 'Usage: crossdock host rm NAME');
      await ctx.client.api.hosts.remove({ host: positionals[0] });
      ctx.out(`Removed ${positionals[0]}`);
      return 0;
    }
    default:
      throw new CrossdockError('INVALID_ARGUMENT', `Unknown host command "${sub ?? ''}". Usage: ${USAGE}`);
  }
};
