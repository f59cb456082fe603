import type { Frame } from './frames.js';
import type { Transport } from './transport.js';

/**
 * The whole surface the Electron preload exposes to the page (as `window.crossdock`): send a
 * frame, receive frames. Nothing else of Electron or Node reaches the renderer.
 */
export interface PreloadBridge {
  send(frame: Frame): void;
  onFrame(listener: (frame: unknown) => void): () => void;
}

/** The renderer's end of the Electron IPC transport, on top of the preload bridge. */
export function bridgeTransport(bridge: PreloadBridge): Transport {
  return {
    send: (frame) => bridge.send(frame),
    onFrame: (listener) => bridge.onFrame(listener),
    // The window and the main process live and die together; there is no separate close.
    onClose: () => () => undefined,
  };
}

/** The single IPC channel frames travel on between the preload and the main process. */
export const IPC_CHANNEL = 'crossdock:rpc';
