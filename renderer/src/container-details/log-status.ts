import type { LogStreamState } from './use-log-stream.js';

/** What the log panel's status says about the stream: following, ended, stopped by an error. */
export function logStatusText(stream: Pick<LogStreamState, 'status' | 'error'>, follow: boolean): string {
  return stream.status === 'failed'
    ? `Stopped: ${stream.error ?? 'the log stream failed'}`
    : stream.status === 'ended'
      ? follow
        ? 'The log ended (the container stopped).'
        : 'End of log.'
      : follow
        ? 'Following'
        : 'Loading…';
}
