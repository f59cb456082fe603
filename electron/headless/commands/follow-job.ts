import {
  CrossdockError,
  requireJobResult,
  type JobInfo,
  type JobKind,
  type JobLogLine,
  type JobResult,
} from '../../../shared/index.js';
import type { CommandContext } from './context.js';

/**
 * Starts a job of kind `kind` and follows it to the end: its log goes to stderr (so --json output
 * on stdout stays clean), Ctrl+C cancels it. Resolves with the job's result, checked against the
 * kind's schema; a failed job throws its error.
 *
 * The log subscription carries the job's id, so only this job's lines arrive; lines written before
 * it was registered come from the backlog, and both merge by seq.
 */
export async function runJob<K extends JobKind>(
  { client }: CommandContext,
  kind: K,
  start: () => Promise<JobInfo>,
  prefix: (line: JobLogLine) => string = () => '',
): Promise<JobResult<K>> {
  const job = await start();
  let printed = 0;
  const print = (line: JobLogLine): void => {
    if (line.seq <= printed) return;
    printed = line.seq;
    process.stderr.write(`${prefix(line)}${line.text.endsWith('\n') ? line.text : `${line.text}\n`}`);
  };
  let live: JobLogLine[] | null = [];
  const logs = client.subscribe('jobs.log', (line) => (live ? live.push(line) : print(line)), { jobId: job.id });
  const onInterrupt = (): void => void client.api.jobs.cancel({ id: job.id }).catch(() => undefined);
  process.once('SIGINT', onInterrupt);
  try {
    await logs.ready;
    (await client.api.jobs.logs({ id: job.id })).forEach(print);
    const early: JobLogLine[] = live;
    live = null;
    early.forEach(print);
    const done = await client.api.jobs.wait({ id: job.id });
    if (done.state !== 'succeeded') {
      const error = done.error ?? {
        code: 'INTERNAL' as const,
        message: `${done.title} ended ${done.state}`,
        details: {},
      };
      throw new CrossdockError(error.code, error.message, error.details);
    }
    return requireJobResult(done, kind);
  } finally {
    process.off('SIGINT', onInterrupt);
    logs.unsubscribe();
  }
}
