import { useFollowedLog } from './use-followed-log.js';
import './job-log.css';

/** A job's log inside a dialog, following the bottom unless the reader scrolled up. */
export function JobLogTail({ jobId, testId, label = 'Log' }: { jobId: string; testId: string; label?: string }) {
  const { lines, scroller, onScroll } = useFollowedLog(jobId);
  return (
    <ol
      className="job-log-lines job-log-tail"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      aria-label={label}
      data-testid={testId}
    >
      {lines.length === 0 && <li className="job-log-empty">No log lines yet.</li>}
      {lines.map((line) => (
        <li key={line.seq} className="job-log-line" data-stream={line.stream}>
          <span className="job-log-text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
