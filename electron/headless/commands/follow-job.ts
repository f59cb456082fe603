import { CrossdockError, type JobInfo, type JobLogLine } from '../../../shared/index.js';
import type { CommandContext } from './context.js';

/**
 * Starts a job and follows it to the end: its log goes to stderr (so --json output on stdout
 * stays clean), Ctrl+C cancels it. Resolves with the job's result; a failed job throws its error.
 */
export async function runJob<R>({ client }: CommandContext, start: () => Promise<JobInfo>, prefix: (line: JobLogLine) => string = () => ''): Promise<R> {
  // Subscribe before starting, so no line of the job's log is missed.
  let jobId: string | null = null;
  const early: JobLogLine[] = [];
  const print = (line: JobLogLine): void => void process.stderr.write(`${prefix(line)}${line.text.endsWith('\n') ? line.text : `${line.text}\n`}`);
  const logs = client.subscribe('jobs.log', (line) => {
    if (jobId === null) early.push(line);
    else if (line.jobId === jobId) print(line);
  });
  await logs.ready;
  let job: JobInfo;
  try {
    job = await start();
  } catch (error) {
    logs.unsubscribe();
    throw error;
  }
  jobId = job.id;
  early.filter((line) => line.jobId === job.id).forEach(print);
  const onInterrupt = (): void => void client.api.jobs.cancel({ id: job.id }).catch(() => undefined);
  process.once('SIGINT', onInterrupt);
  const done = await client.api.jobs.wait({ id: job.id });
  process.off('SIGINT', onInterrupt);
  logs.unsubscribe();
  if (done.state !== 'succeeded') {
    const error = done.error ?? { code: 'INTERNAL' as const, message: `${job.title} ended ${done.state}`, details: {} };
    throw new CrossdockError(error.code, error.message, error.details);
  }
  return done.result as R;
}
