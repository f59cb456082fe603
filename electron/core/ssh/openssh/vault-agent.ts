import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import ssh2, { type ParsedKey } from 'ssh2';
import { CrossdockError } from '../../../../shared/index.js';

export interface AgentKey {
  /** Names the key in what the agent reports (`onSign`). */
  name: string;
  privateKey: Buffer;
}

export interface VaultAgent {
  readonly socketPath: string;
  close(): Promise<void>;
}

const REQUEST_IDENTITIES = 11;
const SIGN_REQUEST = 13;

/**
 * Cuts every request the agent does not serve down to its type byte. ssh2's AgentProtocol (1.17)
 * answers an unknown request with a failure but does not skip its body, so the body is read as
 * the next request and the stream falls out of step; OpenSSH's ssh sends such a request
 * (`session-bind@openssh.com`, an extension) before it asks for the keys. Requests are framed as
 * uint32 length, then the body, whose first byte is the type.
 */
export function servedRequestsOnly(): Transform {
  let pending: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4) {
        const length = pending.readUInt32BE(0);
        if (pending.length < 4 + length) break;
        const frame = pending.subarray(0, 4 + length);
        pending = pending.subarray(4 + length);
        const type = length > 0 ? frame[4] : undefined;
        if (type === REQUEST_IDENTITIES || type === SIGN_REQUEST || type === undefined) this.push(frame);
        else this.push(Buffer.from([0, 0, 0, 1, type]));
      }
      callback();
    },
  });
}

function parsePrivate(key: AgentKey): ParsedKey | null {
  const parsed = ssh2.utils.parseKey(key.privateKey);
  if (parsed instanceof Error) return null;
  const one = Array.isArray(parsed) ? parsed[0] : parsed;
  return one ?? null;
}

/**
 * An SSH agent (the OpenSSH agent protocol, through ssh2's AgentProtocol in server mode) that
 * offers the vault's keys to the user's own `ssh` for as long as it runs, so they never have to
 * be written to a file. It only lists and signs: adding, removing and locking are refused, as
 * ssh2 answers unknown requests with a failure. The socket is made readable by its owner only.
 * ECDSA keys are left out: ssh2 signs them in DER, not the agent protocol's encoding.
 */
export async function startVaultAgent(
  socketPath: string,
  keys: AgentKey[],
  onSign?: (keyName: string) => void,
): Promise<VaultAgent> {
  const usable = keys
    .map((key) => ({ key, parsed: parsePrivate(key) }))
    .filter(
      (entry): entry is { key: AgentKey; parsed: ParsedKey } =>
        entry.parsed !== null && !entry.parsed.type.startsWith('ecdsa-'),
    );
  if (usable.length === 0)
    throw new CrossdockError(
      'NOT_FOUND',
      'The vault holds no ed25519 or RSA key to offer; add one with the app or "crossdock host add --key"',
    );
  if (existsSync(socketPath)) unlinkSync(socketPath);

  const server: Server = createServer((socket) => {
    const protocol = new ssh2.AgentProtocol(false);
    protocol.on('identities', (request) => {
      protocol.getIdentitiesReply(
        request,
        usable.map(({ parsed }) => parsed),
      );
    });
    protocol.on('sign', (request, pubKey: ParsedKey, data: Buffer, options: { hash?: 'sha256' | 'sha512' }) => {
      const wanted = pubKey.getPublicSSH();
      const match = usable.find(({ parsed }) => parsed.getPublicSSH().equals(wanted));
      if (!match) return protocol.failureReply(request);
      const signature = match.parsed.sign(data, options.hash);
      if (signature instanceof Error) return protocol.failureReply(request);
      onSign?.(match.key.name);
      protocol.signReply(request, signature);
    });
    socket.on('error', () => socket.destroy());
    protocol.on('error', () => socket.destroy());
    socket.pipe(servedRequestsOnly()).pipe(protocol).pipe(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  // The socket sits in the data directory (mode 0700), so no other user could reach it even
  // before this; the mode says the same on the socket itself.
  chmodSync(socketPath, 0o600);
  return {
    socketPath,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        if (existsSync(socketPath)) unlinkSync(socketPath);
      }),
  };
}
