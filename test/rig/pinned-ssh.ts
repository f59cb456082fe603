// One command over SSH that accepts only pinned host keys: how tests log in to a machine.
// ssh2 accepts any host key when no verifier is set, so no test connects without one.
import { Client, type ServerHostKeyAlgorithm } from 'ssh2';
import { sha256Fingerprint } from './host-key.js';

/** Where and as whom to log in, and which host keys to accept. */
export interface PinnedLogin {
  host: string;
  port?: number;
  username: string;
  privateKey: Buffer;
  /** `SHA256:…` fingerprints the server may present; any other key ends the connection. */
  pinned: string | readonly string[];
  /** Host key algorithms to offer, e.g. `['ssh-ed25519']` when only that key's fingerprint is pinned. */
  hostKeyAlgorithms?: ServerHostKeyAlgorithm[];
}

/** Runs `command` and resolves with its stdout (stderr is read and dropped); login failures reject. */
export function runPinned(login: PinnedLogin, command: string): Promise<string> {
  const pinned = new Set(typeof login.pinned === 'string' ? [login.pinned] : login.pinned);
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) {
            client.end();
            return reject(error);
          }
          let stdout = '';
          stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
          stream.stderr.resume();
          stream.on('close', () => {
            client.end();
            resolve(stdout);
          });
        });
      })
      .on('error', reject)
      .connect({
        host: login.host,
        port: login.port ?? 22,
        username: login.username,
        privateKey: login.privateKey,
        readyTimeout: 20_000,
        ...(login.hostKeyAlgorithms ? { algorithms: { serverHostKey: login.hostKeyAlgorithms } } : {}),
        hostVerifier: (key: Buffer) => pinned.has(sha256Fingerprint(key)),
      });
  });
}
