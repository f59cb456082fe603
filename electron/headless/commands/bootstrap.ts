import { parseArgs } from 'node:util';
import { CrossdockError } from '../../../shared/index.js';
import type { Command } from './context.js';
import { runJob } from './follow-job.js';
import { formatTable } from './output.js';
import { promptSecret } from './prompt.js';

const USAGE = 'crossdock bootstrap HOST [--json] [--distribution-packages-only]';

/**
 * `crossdock bootstrap HOST`: installs and configures Docker as a job, streaming its log to
 * stderr (so --json output on stdout stays clean), and cancels the job on Ctrl+C.
 */
export const bootstrapCommand: Command = async (args, ctx) => {
  const { client, out } = ctx;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'distribution-packages-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [host, ...extra] = positionals;
  if (!host || extra.length > 0) throw new CrossdockError('INVALID_ARGUMENT', `Give one host. Usage: ${USAGE}`);

  let sudoPassword = process.env.CROSSDOCK_SUDO_PASSWORD;
  const system = await client.api.bootstrap.detect({ host, sudoPassword });
  if (system.privilege === 'sudo-password' && !sudoPassword) {
    sudoPassword = await promptSecret(
      `sudo password for ${host}: `,
      `${host} needs a sudo password: run in a terminal to be asked, or set CROSSDOCK_SUDO_PASSWORD`,
    );
  }

  const report = await runJob(ctx, 'bootstrap', () =>
    client.api.bootstrap.start({ host, sudoPassword, distributionPackagesOnly: values['distribution-packages-only'] }),
  );
  if (values.json) {
    out(JSON.stringify(report, null, 2));
  } else {
    out(
      formatTable(
        ['STEP', 'CHANGED', 'DETAIL'],
        report.steps.map((step) => [step.name, step.changed ? 'yes' : 'no', step.detail]),
      ),
    );
    out(
      `${host}: ${report.os} ${report.version} (${report.arch}), Docker ${report.docker.version} on ${report.docker.storageDriver}${report.changed ? '' : ' — nothing to change'}`,
    );
  }
  return 0;
};
