import { parseArgs } from 'node:util';
import {
  CrossdockError,
  type ImagePullReport,
  type ImageSendReport,
  type ImageSummary,
} from '../../../shared/index.js';
import { formatBytes } from '../../../shared/text/bytes.js';
import type { Command, CommandContext } from './context.js';
import { runJob } from './follow-job.js';
import { formatTable } from './output.js';

const USAGE =
  'crossdock image pull HOST IMAGE [--json] | image send HOST/IMAGE --to HOST [--to HOST]… [--relay] [--json] | image ls [--host HOST]… [--json] | image rm HOST IMAGE [--force]';

const usage = (why: string): CrossdockError => new CrossdockError('INVALID_ARGUMENT', `${why}. Usage: ${USAGE}`);

/** `web-1/postgres:16`: the host is before the first '/', the image (which may hold more) after it. */
export function parseHostImage(text: string): { host: string; image: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) throw usage(`"${text}" is not HOST/IMAGE`);
  return { host: text.slice(0, slash), image: text.slice(slash + 1) };
}

function describePull(report: ImagePullReport): string {
  const existing = report.layersExisting > 0 ? ` (${report.layersExisting} already there)` : '';
  return `Pulled ${report.image} on ${report.host}: ${report.id.replace(/^sha256:/, '').slice(0, 12)}, ${report.layers} layers${existing}, ${formatBytes(report.bytes)} downloaded from ${report.registry}`;
}

function describeSend(report: ImageSendReport): string {
  return [
    formatTable(
      ['HOST', 'ROUTE', 'SENT', 'LAYERS'],
      report.targets.map((t) => [
        t.host,
        t.route.kind,
        t.sent ? formatBytes(t.bytes) : 'already there',
        t.sent ? `${t.layers - t.layersHeld} of ${t.layers} sent (${t.layersHeld} held)` : `0 of ${t.layers} sent`,
      ]),
    ),
    `${report.image} (${report.id.replace(/^sha256:/, '').slice(0, 12)}) from ${report.source} is on ${report.targets.map((t) => t.host).join(', ')}`,
  ].join('\n');
}

/** The JSON shape the CLI promises for `image ls`: one object per image, across hosts. */
function toJson(image: ImageSummary): Record<string, unknown> {
  return {
    host: image.hostName,
    id: image.id,
    tags: image.tags,
    sizeBytes: image.sizeBytes,
    createdAt: image.createdAt,
    containers: image.containers,
  };
}

async function pull(rest: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const [host, image, ...extra] = positionals;
  if (!host || !image || extra.length > 0) throw usage('Give a host and an image');
  const report = await runJob(ctx, 'image-pull', () => ctx.client.api.images.pull({ host, image }));
  ctx.out(values.json ? JSON.stringify(report, null, 2) : describePull(report));
  return 0;
}

async function send(rest: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      to: { type: 'string', multiple: true },
      relay: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [what, ...extra] = positionals;
  if (!what || extra.length > 0 || !values.to?.length) throw usage('Give HOST/IMAGE and at least one --to HOST');
  const { host, image } = parseHostImage(what);
  const report = await runJob(ctx, 'image-send', () =>
    ctx.client.api.images.send({ source: host, image, targets: values.to ?? [], forceRelay: values.relay }),
  );
  ctx.out(values.json ? JSON.stringify(report, null, 2) : describeSend(report));
  return 0;
}

async function list(rest: string[], { client, out }: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: { host: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const { items, failures } = await client.api.docker.images({ hosts: values.host });
  for (const failure of failures) process.stderr.write(`crossdock: ${failure.error.message} (${failure.error.code})\n`);
  if (values.json) out(JSON.stringify(items.map(toJson), null, 2));
  else
    out(
      formatTable(
        ['HOST', 'IMAGE', 'IMAGE ID', 'SIZE', 'CREATED', 'CONTAINERS'],
        items.map((i) => [
          i.hostName,
          i.tags.join(', ') || '<none>',
          i.id.replace(/^sha256:/, '').slice(0, 12),
          formatBytes(i.sizeBytes),
          i.createdAt,
          String(i.containers),
        ]),
      ),
    );
  return failures.length > 0 ? 1 : 0;
}

async function remove(rest: string[], { client, out }: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { force: { type: 'boolean', short: 'f', default: false }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const [host, image, ...extra] = positionals;
  if (!host || !image || extra.length > 0) throw usage('Give a host and an image');
  const report = await client.api.images.remove({ host, image, force: values.force });
  out(
    values.json
      ? JSON.stringify(report, null, 2)
      : report.deleted.length > 0
        ? `Removed ${image} from ${report.host} (${report.deleted.length} layers and image ids deleted)`
        : `Removed the tag ${report.untagged.join(', ')} from ${report.host}; the image keeps its other tags`,
  );
  return 0;
}

/** `crossdock image …`: images on hosts, pulled, sent host to host, listed and removed. */
export const imageCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'pull':
      return pull(rest, ctx);
    case 'send':
      return send(rest, ctx);
    case 'ls':
    case 'list':
      return list(rest, ctx);
    case 'rm':
    case 'remove':
      return remove(rest, ctx);
    default:
      throw usage(sub ? `Unknown image command "${sub}"` : 'Say what to do with images');
  }
};
