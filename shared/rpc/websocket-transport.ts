import type { Frame } from './frames.js';
import type { Transport } from './transport.js';

/** The part of the WebSocket interface we use; both the browser's and the `ws` package's fit it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
}

const OPEN = 1;

/**
 * Frames over a WebSocket as JSON text messages. Frames sent before the socket opens are queued;
 * malformed JSON from the peer is dropped (the RPC layer validates the rest).
 */
export function webSocketTransport(socket: WebSocketLike): Transport {
  const queue: string[] = [];
  const frameListeners = new Set<(frame: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;

  socket.addEventListener('open', () => {
    for (const data of queue.splice(0)) socket.send(data);
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const listener of frameListeners) listener(frame);
  });
  socket.addEventListener('close', () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  });

  return {
    send(frame: Frame) {
      if (closed) return;
      const data = JSON.stringify(frame);
      if (socket.readyState === OPEN) socket.send(data);
      else queue.push(data);
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}
