import { parseArgs } from 'node:util';
import { counted, CrossdockError, type ComposePort } from '../../../shared/index.js';
import { readComposeFile, reportIssues } from './compose-files.js';
import type { Command, CommandContext } from './context.js';
import { formatTable } from './output.js';

const USAGE =
  'crossdock workloads ls [--host HOST]… [--json] | workloads rm HOST/PROJECT [--volumes] | workloads check FILE [--profile NAME]… [--json]';

export function formatComposePorts(ports: ComposePort[]): string {
  const seen = new Set<string>();
  return ports
    .map((p) => (p.published === null ? `${p.target}/${p.protocol}` : `${p.published}->${p.target}/${p.protocol}`))
    .filter((text) => !seen.has(text) && seen.add(text))
    .join(', ');
}

async function list(args: string[], { client, out }: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { host: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const { items, failures } = await client.api.workloads.list({ hosts: values.host });
  for (const failure of failures) process.stderr.write(`crossdock: ${failure.error.message} (${failure.error.code})\n`);
  if (values.json) {
    out(JSON.stringify(items, null, 2));
  } else {
    const rows = items.flatMap((project) =>
      project.services.flatMap((service) =>
        service.containers.map((c) => [
          project.hostName,
          project.name,
          project.deployedByCrossdock ? 'crossdock' : 'compose',
          service.name,
          c.name,
          c.health ? `${c.state} (${c.health})` : c.state,
          formatComposePorts(c.ports),
        ]),
      ),
    );
    out(formatTable(['HOST', 'PROJECT', 'BY', 'SERVICE', 'CONTAINER', 'STATE', 'PORTS'], rows));
  }
  return failures.length > 0 ? 1 : 0;
}

async function remove(args: string[], { client, out }: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { volumes: { type: 'boolean', default: false } },
    strict: true,
  });
  const [ref, ...extra] = positionals;
  const slash = ref?.indexOf('/') ?? -1;
  if (!ref || extra.length > 0 || slash <= 0 || slash === ref.length - 1)
    throw new CrossdockError('INVALID_ARGUMENT', `Name the project as HOST/PROJECT. Usage: ${USAGE}`);
  const report = await client.api.workloads.remove({
    host: ref.slice(0, slash),
    project: ref.slice(slash + 1),
    removeVolumes: values.volumes,
  });
  out(
    `Removed ${report.project} from ${report.host}: ${counted(report.containers.length, 'container')}, ${counted(report.networks.length, 'network')}, ${counted(report.volumes.length, 'volume')}${values.volumes ? '' : ' (volumes kept; --volumes removes them)'}`,
  );
  return 0;
}

async function check(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, profile: { type: 'string', multiple: true } },
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CrossdockError('INVALID_ARGUMENT', `Give one compose file. Usage: ${USAGE}`);
  const { validation } = await readComposeFile(file, ctx, values.profile);
  if (values.json) {
    ctx.out(JSON.stringify(validation, null, 2));
    return validation.valid ? 0 : 1;
  }
  reportIssues(file, validation);
  const summary = validation.summary;
  if (summary)
    ctx.out(
      formatTable(
        ['SERVICE', 'IMAGE', 'PORTS', 'DEPENDS ON'],
        summary.services.map((s) => [
          s.name,
          s.build === null ? s.image : `${s.image ? `${s.image} ` : ''}(built from ${s.build})`,
          formatComposePorts(s.ports),
          s.dependsOn.join(', '),
        ]),
      ),
    );
  ctx.out(`${file}: valid`);
  return 0;
}

/** `crossdock workloads …`: compose projects on every host. */
export const workloadsCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === 'ls' || sub === 'list') return list(rest, ctx);
  if (sub === 'rm' || sub === 'remove') return remove(rest, ctx);
  if (sub === 'check' || sub === 'validate') return check(rest, ctx);
  throw new CrossdockError('INVALID_ARGUMENT', `Unknown workloads command "${sub ?? ''}". Usage: ${USAGE}`);
};
