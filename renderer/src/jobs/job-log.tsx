import { showJobLog, useCrossdock } from '../state/store.js';
import { useFollowedLog } from './use-followed-log.js';
import './job-log.css';

function clock(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(undefined, { hour12: false });
}

/**
 * One job's log. The backlog is fetched when the log opens and again after every reconnect
 * (`session` changes); live lines arrive as events meanwhile, and both merge by seq.
 */
export function JobLog({ jobId }: { jobId: string }) {
  const title = useCrossdock((state) => state.jobs.find((job) => job.id === jobId)?.title ?? 'Job');
  const { lines, scroller, onScroll } = useFollowedLog(jobId);

  return (
    <section className="job-log" data-testid="job-log" aria-label={`Log of ${title}`}>
      <div className="job-log-header">
        <h3 className="job-log-title">Log · {title}</h3>
        <button
          type="button"
          className="icon-button"
          aria-label="Close log"
          title="Close log"
          onClick={() => showJobLog(null)}
        >
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </div>
      <ol className="job-log-lines" ref={scroller} onScroll={onScroll} tabIndex={0} aria-live="off">
        {lines.length === 0 && <li className="job-log-empty">No log lines yet.</li>}
        {lines.map((line) => (
          <li key={line.seq} className="job-log-line" data-stream={line.stream}>
            <time className="job-log-time">{clock(line.at)}</time>
            <span className="job-log-text">{line.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
