import { useEffect, useLayoutEffect, useRef } from 'react';
import type { JobLogLine } from '../../../shared/index.js';
import { loadJobLog } from '../state/actions.js';
import { useCrossdock } from '../state/store.js';
import '../jobs/job-log.css';

const NO_LINES: JobLogLine[] = [];

/**
 * A job's log inside a dialog: the backlog fetched on open and after a reconnect, live lines
 * from `jobs.log` merged by seq, following the bottom unless the reader scrolled up.
 */
export function JobLogTail({ jobId, testId, label = 'Log' }: { jobId: string; testId: string; label?: string }) {
  const lines = useCrossdock((state) => state.logs[jobId] ?? NO_LINES);
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const scroller = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    if (session !== null) void loadJobLog(jobId);
  }, [jobId, session]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [lines]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (element) pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };

  return (
    <ol className="job-log-lines job-log-tail" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label={label} data-testid={testId}>
      {lines.length === 0 && <li className="job-log-empty">No log lines yet.</li>}
      {lines.map((line) => (
        <li key={line.seq} className="job-log-line" data-stream={line.stream}>
          <span className="job-log-text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
