import {
  bridgeTransport,
  createRpcClient,
  webSocketTransport,
  type CrossdockApi,
  type CrossdockEvents,
  type PreloadBridge,
  type RpcClient,
  type Transport,
} from '../../../shared/index.js';

export type CrossdockClient = RpcClient<CrossdockApi, CrossdockEvents>;

declare global {
  interface Window {
    /** Present only inside the Electron window (set by the preload). */
    crossdock?: PreloadBridge;
  }
}

/**
 * Picks the transport at start-up: the preload bridge inside Electron, otherwise the WebSocket
 * of the web mode, authenticated with the token from the page URL (`?token=…`).
 */
export function openTransport(): { transport: Transport; kind: 'ipc' | 'websocket' } {
  if (window.crossdock) return { transport: bridgeTransport(window.crossdock), kind: 'ipc' };
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
  return { transport: webSocketTransport(socket), kind: 'websocket' };
}

export function connect(): { client: CrossdockClient; transport: Transport; kind: 'ipc' | 'websocket' } {
  const { transport, kind } = openTransport();
  return { client: createRpcClient<CrossdockApi, CrossdockEvents>(transport), transport, kind };
}
