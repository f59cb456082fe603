import { IPC_CHANNEL, type Transport } from '../../shared/index.js';

/** The parts of Electron's ipcMain and WebContents this transport uses (typed for testing). */
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike, frame: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, frame: unknown) => void): unknown;
}
export interface FrameLike {
  readonly url: string;
}
export interface IpcEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}
export interface WebContentsLike {
  readonly mainFrame: FrameLike;
  send(channel: string, frame: unknown): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/**
 * The main process's end of the IPC transport for one window. Frames are accepted only from that
 * window's own top frame, and only while it shows the app (`isAppUrl`); anything else — another
 * window, an iframe, a page the window was somehow navigated to — is dropped.
 */
export function ipcTransport(
  ipc: IpcMainLike,
  contents: WebContentsLike,
  isAppUrl: (url: string) => boolean,
): Transport {
  const frameListeners = new Set<(frame: unknown) => void>();
  const closeListeners = new Set<() => void>();

  const onMessage = (event: IpcEventLike, frame: unknown): void => {
    const sender = event.senderFrame;
    if (event.sender !== contents || !sender || sender !== contents.mainFrame || !isAppUrl(sender.url)) return;
    for (const listener of frameListeners) listener(frame);
  };
  ipc.on(IPC_CHANNEL, onMessage);
  contents.once('destroyed', () => {
    ipc.removeListener(IPC_CHANNEL, onMessage);
    for (const listener of closeListeners) listener();
  });

  return {
    send(frame) {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, frame);
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
