import { useEffect, useLayoutEffect, useRef } from 'react';
import type { JobLogLine } from '../../../shared/index.js';
import { loadJobLog } from '../state/actions.js';
import { useCrossdock } from '../state/store.js';

const NO_LINES: JobLogLine[] = [];

/**
 * A job's log lines, for the jobs panel and the dialogs that follow a job. The backlog is fetched
 * when the log opens and again after every reconnect (`session` changes); live lines arrive as
 * events meanwhile, and both merge by seq. The list follows new lines only while the reader is at
 * the bottom, so scrolling up to read stays put: put `scroller` and `onScroll` on the list.
 */
export function useFollowedLog(jobId: string) {
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

  return { lines, scroller, onScroll };
}
