// Runs one command on a provider's machine as its sshUser, accepting only pinned host keys.
import { Client } from 'ssh2';
import type { ProviderMachine } from '../../../electron/core/providers/provider.js';
import { sha256Fingerprint } from '../../rig/host-key.js';

/** stdout of `command`; the connection is refused unless the host key's SHA256 is in `pinned`. */
export function sshAs(machine: ProviderMachine, privateKey: Buffer, pinned: string | string[], command: string): Promise<string> {
  const allowed = new Set(typeof pinned === 'string' ? [pinned] : pinned);
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) return reject(error);
          let stdout = '';
          stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
          stream.stderr.on('data', () => undefined);
          stream.on('close', () => (client.end(), resolve(stdout)));
        });
      })
      .on('error', reject)
      .connect({
        host: machine.address ?? '', port: machine.sshPort, username: machine.sshUser, privateKey, readyTimeout: 10_000,
        hostVerifier: (keyBlob: Buffer) => allowed.has(sha256Fingerprint(keyBlob)),
      });
  });
}
