import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../shared/index.js';
import {
  ipcTransport,
  type FrameLike,
  type IpcEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from './ipc-transport.js';

function fakeWindow(url: string): WebContentsLike & { sent: unknown[]; destroy(): void } {
  const emitter = new EventEmitter();
  let destroyed = false;
  const sent: unknown[] = [];
  return {
    mainFrame: { url },
    sent,
    send: (_channel, frame) => sent.push(frame),
    isDestroyed: () => destroyed,
    once: (event, listener) => emitter.once(event, listener),
    destroy: () => ((destroyed = true), emitter.emit('destroyed')),
  };
}

describe('the IPC transport', () => {
  const ipc = new EventEmitter() as EventEmitter & IpcMainLike;
  const isApp = (url: string): boolean => url.startsWith('crossdock://app/');
  const deliver = (event: IpcEventLike, frame: unknown): boolean => ipc.emit(IPC_CHANNEL, event, frame);

  it('accepts frames only from its own window top frame showing the app', () => {
    const window = fakeWindow('crossdock://app/index.html');
    const other = fakeWindow('crossdock://app/index.html');
    const received: unknown[] = [];
    ipcTransport(ipc, window, isApp).onFrame((frame) => received.push(frame));

    deliver({ sender: window, senderFrame: window.mainFrame }, 'ok');
    deliver({ sender: other, senderFrame: other.mainFrame }, 'other window');
    const iframe: FrameLike = { url: 'crossdock://app/index.html' };
    deliver({ sender: window, senderFrame: iframe }, 'sub frame');
    deliver({ sender: window, senderFrame: null }, 'no frame');
    const navigated = fakeWindow('https://evil.example/');
    ipcTransport(ipc, navigated, isApp).onFrame((frame) => received.push(frame));
    deliver({ sender: navigated, senderFrame: navigated.mainFrame }, 'foreign page');

    expect(received).toEqual(['ok']);
  });

  it('sends to its window until the window is destroyed, then reports closed', () => {
    const window = fakeWindow('crossdock://app/index.html');
    const transport = ipcTransport(ipc, window, isApp);
    let closed = false;
    transport.onClose(() => (closed = true));
    transport.send({ t: 'result', id: 1, value: 1 });
    window.destroy();
    transport.send({ t: 'result', id: 2, value: 2 });
    expect(window.sent).toEqual([{ t: 'result', id: 1, value: 1 }]);
    expect(closed).toBe(true);
  });
});
