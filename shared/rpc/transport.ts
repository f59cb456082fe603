import type { Frame } from './frames.js';

/**
 * What carries frames between a client and a server. The RPC layer is written against this
 * pair only, so the same code runs over Electron IPC, a WebSocket, or an in-memory pair.
 */
export interface Transport {
  send(frame: Frame): void;
  /** Registers a listener for incoming frames; returns a function that removes it. */
  onFrame(listener: (frame: unknown) => void): () => void;
  /** Registers a listener for the transport closing for good; returns a function that removes it. */
  onClose(listener: () => void): () => void;
}

/**
 * Two connected transports in one process. Frames are delivered asynchronously and through a
 * JSON round trip, so tests see the same ordering and serialisation limits as a real wire.
 */
export type MemoryTransport = Transport & { close(): void };

export function createMemoryPair(): [MemoryTransport, MemoryTransport] {
  type Side = { frames: Set<(frame: unknown) => void>; closes: Set<() => void> };
  const sides: [Side, Side] = [
    { frames: new Set(), closes: new Set() },
    { frames: new Set(), closes: new Set() },
  ];
  let closed = false;
  const make = (self: Side, peer: Side): MemoryTransport => ({
    send(frame) {
      if (closed) return;
      const copy: unknown = JSON.parse(JSON.stringify(frame));
      queueMicrotask(() => {
        if (!closed) for (const listener of peer.frames) listener(copy);
      });
    },
    onFrame(listener) {
      self.frames.add(listener);
      return () => self.frames.delete(listener);
    },
    onClose(listener) {
      self.closes.add(listener);
      return () => self.closes.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const side of sides) for (const listener of side.closes) listener();
    },
  });
  return [make(sides[0], sides[1]), make(sides[1], sides[0])];
}
