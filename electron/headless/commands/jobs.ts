import { parseArgs } from 'node:util';
import { CrossdockError, jobStepText } from '../../../shared/index.js';
import type { Command } from './context.js';
import { formatPercent, formatTable } from './output.js';

export const jobsCommand: Command = async (args, { client, out }) => {
  const [sub, ...rest] = args;
  if (sub !== 'ls' && sub !== 'list') {
    throw new CrossdockError('INVALID_ARGUMENT', `Unknown jobs command "${sub ?? ''}"; try "crossdock jobs ls"`);
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } }, strict: true });
  const jobs = await client.api.jobs.list({});
  if (values.json) {
    out(JSON.stringify(jobs, null, 2));
    return 0;
  }
  if (jobs.length === 0) {
    out('No jobs yet.');
    return 0;
  }
  out(
    formatTable(
      ['ID', 'STATE', 'PROGRESS', 'STEP', 'STARTED', 'TITLE'],
      jobs.map((job) => [
        job.id.slice(0, 8),
        job.state,
        formatPercent(job.fraction),
        jobStepText(job) ?? '',
        job.startedAt,
        job.title,
      ]),
    ),
  );
  return 0;
};
