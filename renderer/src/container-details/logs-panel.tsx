import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ContainerRef } from '../containers/docker-store.js';
import { MAX_LOG_LINES } from './log-buffer.js';
import { countMatches, visibleLines } from './log-search.js';
import { logStatusText } from './log-status.js';
import { LogText } from './log-text.js';
import { useLogStream } from './use-log-stream.js';
import './logs.css';

const LINE_HEIGHT = 18;
const TAILS = [100, 500, 1000, 5000] as const;

/**
 * A container's log: follow or not, how much history, search that highlights (and can filter),
 * and auto-scroll that stops when the reader scrolls up and resumes at the bottom.
 */
export function LogsPanel({ target }: { target: ContainerRef }) {
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState<number | null>(500);
  const [query, setQuery] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [pinned, setPinned] = useState(true);
  const stream = useLogStream(target, follow, tail);
  const search = useDeferredValue(query);
  const scroller = useRef<HTMLDivElement>(null);

  // `stream.version` stands for the content of `stream.lines`, which is updated in place.
  const shown = useMemo(
    () => visibleLines(stream.lines, search, onlyMatches),
    [stream.lines, stream.version, search, onlyMatches],
  );
  const matches = useMemo(() => countMatches(stream.lines, search), [stream.lines, stream.version, search]);
  const count = shown ? shown.length : stream.lines.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  // Pinned: stay at the bottom. Paused: when old lines drop off the top, move up by as much, so
  // the lines being read stay put.
  const dropped = useRef(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    const newlyDropped = stream.dropped - dropped.current;
    dropped.current = stream.dropped;
    if (!element) return;
    if (pinned) element.scrollTop = element.scrollHeight;
    else if (newlyDropped > 0 && !shown) element.scrollTop -= newlyDropped * LINE_HEIGHT;
  }, [stream.version, stream.dropped, count, pinned, shown]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < LINE_HEIGHT * 2;
    if (atBottom !== pinned) setPinned(atBottom);
  };

  const statusText = logStatusText(stream, follow);

  return (
    <div className="logs-panel" data-testid="logs-panel">
      <div className="panel-toolbar">
        <label className="form-check">
          <input
            type="checkbox"
            checked={follow}
            data-testid="logs-follow"
            onChange={(event) => setFollow(event.target.checked)}
          />
          Follow
        </label>
        <label className="form-check">
          Last
          <select
            className="input input-small"
            value={tail ?? 'all'}
            data-testid="logs-tail"
            onChange={(event) => setTail(event.target.value === 'all' ? null : Number(event.target.value))}
          >
            {TAILS.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()} lines
              </option>
            ))}
            <option value="all">all lines</option>
          </select>
        </label>
        <input
          type="search"
          className="input input-small log-search"
          placeholder="Search the log…"
          aria-label="Search the log"
          data-testid="logs-search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="form-check">
          <input
            type="checkbox"
            checked={onlyMatches}
            disabled={query === ''}
            data-testid="logs-only-matches"
            onChange={(event) => setOnlyMatches(event.target.checked)}
          />
          Only matching lines
        </label>
        <span className="panel-status" role="status" data-testid="logs-status" data-status={stream.status}>
          {search ? `${matches.toLocaleString()} matching · ` : ''}
          {statusText}
          {stream.dropped > 0 ? ` · older lines beyond ${MAX_LOG_LINES.toLocaleString()} dropped` : ''}
        </span>
      </div>
      <div
        className="log-view"
        ref={scroller}
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label="Container log"
        aria-live="off"
        data-testid="logs-lines"
      >
        {count === 0 && (
          <p className="log-empty">{stream.status === 'streaming' ? 'Waiting for log lines…' : 'No log lines.'}</p>
        )}
        <div className="log-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = stream.lines[shown ? (shown[item.index] ?? 0) : item.index];
            return line ? <LogText key={line.seq} line={line} query={search} start={item.start} /> : null;
          })}
        </div>
      </div>
      {!pinned && (
        <button
          type="button"
          className="button button-small jump-latest"
          data-testid="logs-jump"
          onClick={() => setPinned(true)}
        >
          Paused · jump to latest
        </button>
      )}
    </div>
  );
}
