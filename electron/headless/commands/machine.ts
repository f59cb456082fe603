import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CrossdockError, type MachineInfo } from '../../../shared/index.js';
import type { Command, CommandContext } from './context.js';
import { runJob } from './follow-job.js';
import { parseOpenPortFlags } from './open-ports.js';
import { formatTable } from './output.js';
import { promptSecret } from './prompt.js';

const USAGE =
  'crossdock machine create NAME --provider P [--size small|medium|large|TYPE] [--os debian-12] [--region R] [--open-port N[,N…]]… [--json] | machine ls [--json] | machine start|stop|rm NAME';
const OS = ['debian-12', 'ubuntu-24.04', 'rocky-9'] as const;

function row(m: MachineInfo): string[] {
  return [m.name, m.providerName, m.state, m.address ?? '', m.type, m.os ?? '', m.hostName ?? ''];
}

async function create(args: string[], ctx: CommandContext): Promise<number> {
  const { client, out } = ctx;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      provider: { type: 'string', default: 'local' },
      size: { type: 'string', default: 'small' },
      os: { type: 'string', default: 'debian-12' },
      region: { type: 'string' },
      'open-port': { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new CrossdockError('INVALID_ARGUMENT', `Give one machine name. Usage: ${USAGE}`);
  const os = OS.find((o) => o === values.os);
  if (!os) throw new CrossdockError('INVALID_ARGUMENT', `--os must be one of ${OS.join(', ')}, not "${values.os}"`);
  const openPorts = parseOpenPortFlags(values['open-port'] ?? []);
  const machine = await runJob(ctx, 'machine-create', () =>
    client.api.machines.create({
      name,
      provider: values.provider,
      size: values.size,
      os,
      region: values.region,
      openPorts,
    }),
  );
  if (values.json) out(JSON.stringify(machine, null, 2));
  else
    out(
      `${machine.name} is running at ${machine.address} on ${machine.providerName}, Docker bootstrapped, listed as host ${machine.hostName ?? machine.name}`,
    );
  return 0;
}

export const machineCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  const one = (): string => {
    const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {}, strict: true });
    if (positionals.length !== 1 || !positionals[0])
      throw new CrossdockError('INVALID_ARGUMENT', `Usage: crossdock machine ${sub ?? ''} NAME`);
    return positionals[0];
  };
  switch (sub) {
    case 'create':
      return create(rest, ctx);
    case 'ls':
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false } },
        strict: true,
      });
      const machines = await ctx.client.api.machines.list({});
      if (values.json) ctx.out(JSON.stringify(machines, null, 2));
      else if (machines.length === 0)
        ctx.out('No machines yet. Create one with: crossdock machine create NAME (on the local sandbox by default)');
      else ctx.out(formatTable(['NAME', 'PROVIDER', 'STATE', 'ADDRESS', 'TYPE', 'OS', 'HOST'], machines.map(row)));
      return 0;
    }
    case 'start':
    case 'stop': {
      const machine = await ctx.client.api.machines[sub]({ machine: one() });
      ctx.out(`${machine.name}: ${machine.state}`);
      return 0;
    }
    case 'rm':
    case 'remove': {
      const name = one();
      await ctx.client.api.machines.remove({ machine: name });
      ctx.out(`Destroyed ${name}`);
      return 0;
    }
    default:
      throw new CrossdockError('INVALID_ARGUMENT', `Unknown machine command "${sub ?? ''}". Usage: ${USAGE}`);
  }
};

const PROVIDER_USAGE =
  'crossdock provider add NAME --type aws|gcp|hetzner|digitalocean [--profile P | --access-key-id ID | --credentials-file FILE] --region R [--endpoint URL] | provider ls [--json] | provider rm NAME';

async function addProvider(args: string[], { client, out }: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      'credentials-file': { type: 'string' },
      'access-key-id': { type: 'string' },
      profile: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
    strict: true,
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0)
    throw new CrossdockError('INVALID_ARGUMENT', `Give one provider name. Usage: ${PROVIDER_USAGE}`);
  if (values.type === 'aws') {
    if (!values.region)
      throw new CrossdockError('INVALID_ARGUMENT', `--region (e.g. eu-west-1) is needed. Usage: ${PROVIDER_USAGE}`);
    if (Boolean(values.profile) === Boolean(values['access-key-id']))
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        'Give --profile P (from ~/.aws) or --access-key-id ID (the secret from AWS_SECRET_ACCESS_KEY or a prompt)',
      );
    const credentials = values.profile
      ? { profile: values.profile }
      : {
          accessKeyId: values['access-key-id'] as string,
          secretAccessKey:
            process.env.AWS_SECRET_ACCESS_KEY ??
            (await promptSecret(
              'AWS secret access key: ',
              'Set AWS_SECRET_ACCESS_KEY, or run in a terminal to be asked for the secret access key',
            )),
        };
    const provider = await client.api.providers.add({
      name,
      kind: 'aws',
      region: values.region,
      endpoint: values.endpoint,
      credentials,
    });
    out(
      `Added ${provider.name} (${provider.kind}, ${provider.region}); its credentials were checked and are in the vault`,
    );
    return 0;
  }
  if (values.type === 'hetzner') {
    if (!values.region)
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `--region (a location, e.g. fsn1, nbg1, hel1, ash) is needed. Usage: ${PROVIDER_USAGE}`,
      );
    // The token never goes on the command line (shell history, process list).
    const token =
      process.env.HCLOUD_TOKEN ??
      (await promptSecret(
        'Hetzner Cloud API token: ',
        'Set HCLOUD_TOKEN, or run in a terminal to be asked for the Hetzner Cloud API token',
      ));
    const provider = await client.api.providers.add({
      name,
      kind: 'hetzner',
      region: values.region,
      endpoint: values.endpoint,
      token: token.trim(),
    });
    out(`Added ${provider.name} (${provider.kind}, ${provider.region}); its token was checked and is in the vault`);
    return 0;
  }
  if (values.type === 'digitalocean') {
    if (!values.region)
      throw new CrossdockError(
        'INVALID_ARGUMENT',
        `--region (a region slug, e.g. fra1, ams3, nyc3) is needed. Usage: ${PROVIDER_USAGE}`,
      );
    // The token never goes on the command line (shell history, process list); doctl's variable name.
    const token =
      process.env.DIGITALOCEAN_ACCESS_TOKEN ??
      (await promptSecret(
        'DigitalOcean API token: ',
        'Set DIGITALOCEAN_ACCESS_TOKEN, or run in a terminal to be asked for the DigitalOcean API token',
      ));
    const provider = await client.api.providers.add({
      name,
      kind: 'digitalocean',
      region: values.region,
      endpoint: values.endpoint,
      token: token.trim(),
    });
    out(`Added ${provider.name} (${provider.kind}, ${provider.region}); its token was checked and is in the vault`);
    return 0;
  }
  if (values.type !== 'gcp')
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `--type must be aws, gcp, hetzner or digitalocean (the local sandbox is built in). Usage: ${PROVIDER_USAGE}`,
    );
  if (!values['credentials-file'] || !values.region)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `--credentials-file and --region (a zone, e.g. europe-west1-b) are needed. Usage: ${PROVIDER_USAGE}`,
    );
  let serviceAccountJson: string;
  try {
    serviceAccountJson = readFileSync(values['credentials-file'], 'utf8');
  } catch {
    throw new CrossdockError('NOT_FOUND', `Cannot read the credentials file ${values['credentials-file']}`);
  }
  const provider = await client.api.providers.add({
    name,
    kind: 'gcp',
    region: values.region,
    endpoint: values.endpoint,
    serviceAccountJson,
  });
  out(
    `Added ${provider.name} (${provider.kind}, ${provider.region}); its credentials were checked and are in the vault`,
  );
  return 0;
}

export const providerCommand: Command = async (args, ctx) => {
  const { client, out } = ctx;
  const [sub, ...rest] = args;
  if (sub === 'add') return addProvider(rest, ctx);
  if (sub === 'rm' || sub === 'remove') {
    const [name] = rest;
    if (!name || rest.length !== 1) throw new CrossdockError('INVALID_ARGUMENT', 'Usage: crossdock provider rm NAME');
    await client.api.providers.remove({ provider: name });
    out(`Removed ${name}`);
    return 0;
  }
  if (sub !== 'ls' && sub !== 'list')
    throw new CrossdockError('INVALID_ARGUMENT', `Unknown provider command "${sub ?? ''}". Usage: ${PROVIDER_USAGE}`);
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } }, strict: true });
  const providers = await client.api.providers.list({});
  if (values.json) out(JSON.stringify(providers, null, 2));
  else
    out(
      formatTable(
        ['NAME', 'KIND', 'REGION', 'CREDENTIAL'],
        providers.map((p) => [
          p.name,
          p.kind,
          p.region ?? '',
          p.builtIn ? 'built in' : p.hasCredential ? 'in vault' : 'missing',
        ]),
      ),
    );
  return 0;
};
