import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { IPC_CHANNEL, type Transport } from '../../shared/index.js';

/**
 * The main process's end of the IPC transport for one window. Frames are accepted only from that
 * window's own top frame, and only while it shows the app (`isAppUrl`); anything else is dropped.
 */
export function ipcTransport(contents: WebContents, isAppUrl: (url: string) => boolean): Transport {
  const frameListeners = new Set<(frame: unknown) => void>();
  const closeListeners = new Set<() => void>();

  const onMessage = (event: IpcMainEvent, frame: unknown): void => {
    const sender = event.senderFrame;
    if (event.sender !== contents || !sender || sender !== contents.mainFrame || !isAppUrl(sender.url)) return;
    for (const listener of frameListeners) listener(frame);
  };
  ipcMain.on(IPC_CHANNEL, onMessage);
  contents.once('destroyed', () => {
    ipcMain.removeListener(IPC_CHANNEL, onMessage);
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
