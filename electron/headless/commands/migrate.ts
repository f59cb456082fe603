import { parseArgs } from 'node:util';
import {
  CrossdockError,
  describeStopWait,
  type MigrationOutcome,
  type MigrationPlan,
  type MigrationSource,
} from '../../../shared/index.js';
import { formatBytes } from '../../core/migration/format-bytes.js';
import type { Command, CommandContext } from './context.js';
import { runJob } from './follow-job.js';
import { formatTable } from './output.js';

const USAGE =
  'crossdock migrate HOST/CONTAINER|HOST/project:P --to HOST [--dry-run] [--remove-source] [--relay] [--healthy-seconds N] [--json] | migrate ls [--json] | migrate resume ID [--json] | migrate rollback ID';

/** `web-1/shop` is a container, `web-1/project:shop` a compose project. */
export function parseSource(text: string): MigrationSource {
  const slash = text.indexOf('/');
  const host = text.slice(0, slash);
  const what = text.slice(slash + 1);
  if (slash <= 0 || !what)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `"${text}" is not HOST/CONTAINER or HOST/project:NAME. Usage: ${USAGE}`,
    );
  return what.startsWith('project:') ? { host, project: what.slice('project:'.length) } : { host, container: what };
}

function describePlan(plan: MigrationPlan): string {
  const lines = [
    `Migrate ${plan.source.kind === 'project' ? `project ${plan.source.name}` : plan.source.name} from ${plan.source.hostName} to ${plan.target.hostName} (${plan.target.architecture})`,
    '',
    formatTable(
      ['CONTAINER', 'IMAGE', 'STATE', 'PORTS', 'VOLUMES', 'NETWORKS'],
      plan.containers.map((c) => [
        c.name,
        c.image,
        c.running ? 'running' : 'stopped',
        c.ports.join(',') || '-',
        c.volumes.join(',') || '-',
        c.networks.join(',') || '-',
      ]),
    ),
    '',
    `Images:   ${plan.images.map((i) => `${i.ref} (${i.architecture}, ${i.onTarget ? 'already there' : i.layersOnTarget > 0 ? `${formatBytes(i.bytesToSend)} of ${formatBytes(i.bytes)}, ${i.layersOnTarget} of ${i.layers} layers already there` : formatBytes(i.bytes)})`).join(', ')}; ${formatBytes(plan.imageBytesToSend)} to send`,
    `Volumes:  ${plan.volumes.map((v) => `${v.name} (${formatBytes(v.bytes)}, ${v.files} paths)`).join(', ') || 'none'}; ${formatBytes(plan.space.freeBytes)} free on ${plan.target.hostName}`,
    `Networks: ${plan.networks.map((n) => `${n.name} (${n.existsOnTarget ? 'exists' : 'created'})`).join(', ') || 'none to create'}`,
    `Route:    ${plan.route.kind} — ${plan.route.reason}`,
    `Estimate: transfer ${Math.ceil(plan.estimate.transferMs / 1000)} s at ${formatBytes(plan.estimate.bytesPerSecond)}/s (${plan.estimate.basis}), downtime about ${Math.ceil(plan.estimate.downtimeMs / 1000)} s${stopWait(plan)}`,
    ...plan.warnings.map((w) => `Note:     ${w}`),
    ...plan.blockers.map((b) => `Refused:  ${b.message} (${b.code})`),
  ];
  return lines.join('\n');
}

function describeOutcome(outcome: MigrationOutcome): string {
  const { plan } = outcome;
  const source = outcome.source.containers.map((c) =>
    c.renamedTo
      ? `${c.name} stays stopped on ${plan.source.hostName} as ${c.renamedTo}`
      : `${c.name} removed from ${plan.source.hostName}`,
  );
  return [
    `Migrated ${outcome.containers.map((c) => c.name).join(', ')} from ${plan.source.hostName} to ${plan.target.hostName} (migration ${outcome.id})`,
    `Moved:    images ${formatBytes(outcome.bytes.images)}, volumes ${formatBytes(outcome.bytes.volumes)} over the ${outcome.route.kind} route`,
    `Verified: ${outcome.manifest.files} paths, checksums ${outcome.manifest.match ? 'match' : 'DIFFER'}`,
    `Downtime: ${outcome.downtimeMs} ms (total ${Math.round(outcome.durationMs / 1000)} s)`,
    ...source,
  ].join('\n');
}

/** Accepts a full migration id or an unambiguous prefix (as `migrate ls` shows). */
async function resolveId({ client }: CommandContext, given: string | undefined, sub: string): Promise<string> {
  if (!given) throw new CrossdockError('INVALID_ARGUMENT', `Usage: crossdock migrate ${sub} ID`);
  const matches = (await client.api.migrations.list({})).filter((m) => m.id === given || m.id.startsWith(given));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length > 1)
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `"${given}" matches ${matches.length} migrations; give more of the id`,
    );
  throw new CrossdockError('NOT_FOUND', `There is no migration with id ${given}; "crossdock migrate ls" lists them`, {
    migrationId: given,
  });
}

async function migrate(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'remove-source': { type: 'boolean', default: false },
      relay: { type: 'boolean', default: false },
      'healthy-seconds': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [what, ...extra] = positionals;
  if (!what || extra.length > 0 || !values.to)
    throw new CrossdockError('INVALID_ARGUMENT', `Give what to move and --to HOST. Usage: ${USAGE}`);
  const source = parseSource(what);
  const healthySeconds = values['healthy-seconds'] === undefined ? undefined : Number(values['healthy-seconds']);
  if (healthySeconds !== undefined && (!Number.isInteger(healthySeconds) || healthySeconds < 1)) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `--healthy-seconds must be a whole number of seconds, not "${values['healthy-seconds']}"`,
    );
  }

  if (values['dry-run']) {
    const plan = await ctx.client.api.migrations.plan({ source, target: values.to, forceRelay: values.relay });
    ctx.out(values.json ? JSON.stringify(plan, null, 2) : describePlan(plan));
    const blocker = plan.blockers[0];
    if (blocker) throw new CrossdockError(blocker.code, blocker.message, blocker.details);
    return 0;
  }
  const target = values.to;
  const outcome = await runJob(ctx, 'migration', () =>
    ctx.client.api.migrations.start({
      source,
      target,
      forceRelay: values.relay,
      removeSource: values['remove-source'],
      healthySeconds,
    }),
  );
  ctx.out(values.json ? JSON.stringify(outcome, null, 2) : describeOutcome(outcome));
  return 0;
}

export const migrateCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'ls':
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false } },
        strict: true,
      });
      const migrations = await ctx.client.api.migrations.list({});
      if (values.json) ctx.out(JSON.stringify(migrations, null, 2));
      else if (migrations.length === 0)
        ctx.out('No migrations yet. Start one with: crossdock migrate HOST/CONTAINER --to HOST');
      else {
        ctx.out(
          formatTable(
            ['ID', 'STATE', 'STEP', 'SOURCE', 'TARGET', 'UPDATED', 'NEXT'],
            migrations.map((m) => [
              m.id.slice(0, 8),
              m.state,
              m.step ?? '',
              m.source,
              m.target,
              m.updatedAt,
              m.canResume ? 'resume | rollback' : m.canRollback ? 'rollback' : '',
            ]),
          ),
        );
      }
      return 0;
    }
    case 'resume':
    case 'rollback': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false } },
        strict: true,
      });
      if (positionals.length !== 1) throw new CrossdockError('INVALID_ARGUMENT', `Usage: crossdock migrate ${sub} ID`);
      const id = await resolveId(ctx, positionals[0], sub);
      if (sub === 'resume') {
        const outcome = await runJob(ctx, 'migration', () => ctx.client.api.migrations.resume({ id }));
        ctx.out(values.json ? JSON.stringify(outcome, null, 2) : describeOutcome(outcome));
      } else {
        await runJob(ctx, 'migration-rollback', () => ctx.client.api.migrations.rollback({ id }));
        const record = await ctx.client.api.migrations.get({ id });
        ctx.out(
          values.json
            ? JSON.stringify(record, null, 2)
            : `Rolled back migration ${id}: ${record.source} runs again, nothing of it is left on ${record.target}`,
        );
      }
      return 0;
    }
    default:
      return migrate(args, ctx);
  }
};

/** " including stop: up to 10 s (SIGTERM, then SIGKILL)", or nothing when nothing runs. */
function stopWait(plan: MigrationPlan): string {
  const text = describeStopWait(plan.containers.filter((c) => c.running));
  return text ? ` including ${text}` : '';
}
