import { useEffect, useState } from 'react';
import { attempt } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import type { ContainerRef } from '../containers/docker-store.js';
import { LogBuffer, type LogLine } from './log-buffer.js';

export interface LogStreamState {
  lines: readonly LogLine[];
  /** Bumped on every change; the buffer's array is updated in place to avoid copying 10,000 lines a frame. */
  version: number;
  dropped: number;
  status: 'streaming' | 'ended' | 'failed';
  error: string | null;
}

const INITIAL: LogStreamState = { lines: [], version: 0, dropped: 0, status: 'streaming', error: null };

/**
 * Streams a container's log while mounted. Chunks go into a LogBuffer and reach React at most
 * once per animation frame. Changing the container, `follow` or `tail`, or unmounting, aborts
 * the call, which ends the stream in the core. A reconnect to the core starts a fresh stream.
 */
export function useLogStream(target: ContainerRef, follow: boolean, tail: number | null): LogStreamState {
  const session = useCrossdock((state) => (state.connection.status === 'connected' ? state.session : null));
  const [state, setState] = useState<LogStreamState>(INITIAL);

  useEffect(() => {
    if (session === null) return;
    const controller = new AbortController();
    const buffer = new LogBuffer();
    let frame = 0;
    let version = 0;
    const publish = (status: LogStreamState['status'] = 'streaming', error: string | null = null): void => {
      buffer.commit();
      setState({ lines: buffer.lines, version: ++version, dropped: buffer.dropped, status, error });
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), publish()));
    };
    setState(INITIAL);
    const args = { host: target.hostId, container: target.id, follow, ...(tail === null ? {} : { tail }) };
    void attempt(
      (api) =>
        api.docker.logs(args, { signal: controller.signal, onChunk: (chunk) => (buffer.append(chunk), schedule()) }),
      { vault: false },
    ).then((outcome) => {
      if (controller.signal.aborted) return;
      cancelAnimationFrame(frame);
      frame = 0;
      buffer.end();
      publish(outcome.ok ? 'ended' : 'failed', outcome.ok ? null : outcome.failure.message);
    });
    return () => {
      controller.abort();
      cancelAnimationFrame(frame);
    };
  }, [target.hostId, target.id, follow, tail, session]);

  return state;
}
