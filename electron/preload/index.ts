import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Imported from the bridge module itself, not the shared index, to keep zod out of the preload.
import { IPC_CHANNEL, type PreloadBridge } from '../../shared/rpc/bridge.js';
import type { Frame } from '../../shared/rpc/frames.js';

// The page gets exactly two functions: send a frame, receive frames. Never ipcRenderer itself,
// never a generic send(channel, …): the channel is fixed here, and the main process validates
// every frame and its sender.
const bridge: PreloadBridge = {
  send(frame: Frame) {
    ipcRenderer.send(IPC_CHANNEL, frame);
  },
  onFrame(listener) {
    const handler = (_event: IpcRendererEvent, frame: unknown): void => listener(frame);
    ipcRenderer.on(IPC_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('crossdock', bridge);
