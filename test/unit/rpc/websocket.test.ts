import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { webSocketTransport, type Transport, type WebSocketLike } from '../../../shared/index.js';
import { describeContract } from './contract-suite.js';

describeContract('a real WebSocket', async () => {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const serverTransport = new Promise<Transport>((resolve) => {
    wss.once('connection', (socket) => resolve(webSocketTransport(socket as unknown as WebSocketLike)));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
  const client = webSocketTransport(socket as unknown as WebSocketLike);
  return {
    server: await serverTransport,
    client,
    close: async () => {
      socket.close();
      for (const peer of wss.clients) peer.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
});
