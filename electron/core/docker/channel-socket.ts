import type { Duplex } from 'node:stream';

/** The net.Socket methods Node's HTTP client may call on a connection it did not make itself. */
interface SocketLike {
  setTimeout(ms: number, callback?: () => void): Duplex;
  setNoDelay(noDelay?: boolean): Duplex;
  setKeepAlive(enable?: boolean, delay?: number): Duplex;
  ref(): Duplex;
  unref(): Duplex;
}

/**
 * Makes an SSH channel usable as an HTTP client's socket. Node's http calls net.Socket-only
 * methods (timeouts, keepalive, ref/unref), which mean nothing on a channel: no-ops here (the
 * SSH connection has its own keepalive, and dockerode is used without socket timeouts).
 * `destroy` is routed to `close`, which ends the channel properly: ssh2's own `destroy` only
 * half-closes, and an exec channel needs its process ended too.
 */
export function asHttpSocket(stream: Duplex, close: () => void): Duplex {
  const socket = stream as Duplex & Partial<SocketLike>;
  const self = (): Duplex => stream;
  socket.setTimeout ??= self;
  socket.setNoDelay ??= self;
  socket.setKeepAlive ??= self;
  socket.ref ??= self;
  socket.unref ??= self;
  let closed = false;
  // The error a caller destroys with (an abort, say) is already known to it, the HTTP request;
  // the channel reports 'close' once the far end has closed too.
  socket.destroy = (_error?: Error): Duplex => {
    if (!closed) {
      closed = true;
      close();
    }
    return stream;
  };
  return stream;
}
