import { memo } from 'react';
import type { LogLine } from './log-buffer.js';
import { highlight } from './log-search.js';

/** One line of the log with its search matches marked; memoised, so only lines that change render again. */
export const LogText = memo(function LogText({ line, query, start }: { line: LogLine; query: string; start: number }) {
  return (
    <div className="log-line" data-stream={line.stream} style={{ transform: `translateY(${start}px)` }}>
      {highlight(line.text, query).map((segment, i) =>
        segment.match ? <mark key={i}>{segment.text}</mark> : segment.text,
      )}
    </div>
  );
});
