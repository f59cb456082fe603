// An in-process SSH server (ssh2's Server) on 127.0.0.1, for unit tests of the client side: it
// records what the client did (logins attempted, commands run) so tests can assert, for example,
// that a refused host key led to no authentication attempt at all.
import type { AddressInfo } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import { generateTestKey, type TestKeyPair } from './test-keys.js';

export interface FakeSshServer {
  port: number;
  hostKey: TestKeyPair;
  /** Authentication requests received (any method; a key login makes two), across connections. */
  readonly authAttempts: number;
  /** Successful logins. */
  readonly logins: number;
  commands: string[];
  /** Connections currently open. */
  readonly clients: Set<Connection>;
  /** Drops every client connection (like a server reboot), keeping the listener. */
  dropClients(): void;
  close(): Promise<void>;
}

/** Starts a server that accepts `userKey` for any user and answers `exec` with `echo`-like output. */
export async function startFakeSshServer(userKey: TestKeyPair): Promise<FakeSshServer> {
  const hostKey = generateTestKey();
  const clients = new Set<Connection>();
  const state = { authAttempts: 0, logins: 0, commands: [] as string[] };
  const server = new ssh2.Server({ hostKeys: [hostKey.privateKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      state.authAttempts++;
      if (ctx.method === 'publickey' && ctx.key.data.equals(userKey.publicBlob)) return ctx.accept();
      ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      state.logins++;
      client.on('session', (accept) => {
        accept().on('exec', (acceptExec, _reject, info) => {
          state.commands.push(info.command);
          const channel = acceptExec();
          channel.write(`ran: ${info.command}\n`);
          channel.exit(0);
          channel.end();
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hostKey,
    get authAttempts() {
      return state.authAttempts;
    },
    get logins() {
      return state.logins;
    },
    commands: state.commands,
    clients,
    dropClients: () => clients.forEach((client) => client.end()),
    close: () =>
      new Promise<void>((resolve) => {
        clients.forEach((client) => client.end());
        server.close(() => resolve());
      }),
  };
}
