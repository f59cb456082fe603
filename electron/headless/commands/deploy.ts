import { parseArgs } from 'node:util';
import { CrossdockError } from '../../../shared/index.js';
import type { Command } from './context.js';
import { defaultProjectName, readComposeFile, reportIssues } from './compose-files.js';
import { runJob } from './follow-job.js';
import { formatTable } from './output.js';

const USAGE =
  'crossdock deploy FILE --host HOST [--project P] [--profile NAME]… [--auto-ports] [--force-recreate] [--pull always|missing|never] [--json]';

/**
 * `crossdock deploy FILE --host HOST`: checks the compose file (every problem with its line),
 * then deploys it as a job, streaming its log to stderr. Deploying again applies changes.
 */
export const deployCommand: Command = async (args, ctx) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      project: { type: 'string' },
      'auto-ports': { type: 'boolean', default: false },
      'force-recreate': { type: 'boolean', default: false },
      pull: { type: 'string' },
      profile: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || !values.host)
    throw new CrossdockError('INVALID_ARGUMENT', `Give one compose file and --host. Usage: ${USAGE}`);
  const host = values.host;
  const pull = values.pull;
  if (pull !== undefined && pull !== 'always' && pull !== 'missing' && pull !== 'never')
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `--pull must be always, missing or never, not "${pull}". Usage: ${USAGE}`,
    );
  const compose = await readComposeFile(file, ctx, values.profile);
  reportIssues(file, {
    ...compose.validation,
    issues: compose.validation.issues.filter((i) => i.severity === 'error'),
  });
  // As docker compose does: --project, else the file's name:, else the folder's name.
  const project = values.project ?? (compose.validation.summary?.name ? undefined : defaultProjectName(compose.dir));
  const report = await runJob(ctx, 'deploy', () =>
    ctx.client.api.workloads.deploy({
      host,
      project,
      ...compose.input,
      autoPorts: values['auto-ports'],
      forceRecreate: values['force-recreate'],
      pull,
      configFile: compose.path,
      workingDir: compose.dir,
    }),
  );
  if (values.json) {
    ctx.out(JSON.stringify(report, null, 2));
    return 0;
  }
  ctx.out(
    formatTable(
      ['SERVICE', 'ACTION', 'CONTAINER'],
      report.services.map((s) => [s.name, s.action, s.container]),
    ),
  );
  for (const moved of report.reassignedPorts) {
    ctx.out(
      `${moved.service}: port ${moved.wanted}/${moved.protocol} was taken by ${moved.holder}; published on ${moved.assigned}`,
    );
  }
  ctx.out(`${report.project} on ${report.host}: ${report.changed ? 'deployed' : 'already up to date'}`);
  return 0;
};
