// ssh2 is CommonJS; Node's ESM loader finds only some of its names, so take the default export.
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { CrossdockError } from '../../../shared/index.js';
import { toConnectError } from './connect-errors.js';
import { preferredHostKeyAlgorithms } from './host-key-algorithms.js';
import { decideHostKey, type HostKeyDecision, type HostKeySource, type PresentedHostKey } from './host-key-policy.js';
import { describeEndpoint, type SshTarget } from './ssh-target.js';

/** Timing of one SSH login. */
export interface SshClientOptions {
  /** ssh2 `readyTimeout`: TCP connect, key exchange and authentication must finish within it. */
  connectTimeoutMs: number;
  /** ssh2 `keepaliveInterval`; 0 turns keepalives off. */
  keepaliveIntervalMs: number;
  /** Unanswered keepalives before the connection counts as dead. */
  keepaliveCountMax: number;
  signal?: AbortSignal | undefined;
  /** ssh2's debug lines (packet types and algorithm names). */
  debug?: ((line: string) => void) | undefined;
}

/** A logged-in ssh2 client and the host key it accepted. */
export interface OpenedClient {
  client: Client;
  hostKey: PresentedHostKey;
  hostKeySource: HostKeySource;
}

/**
 * Logs in to `target`, verifying its host key with the policy before anything else is sent
 * (ssh2 calls `hostVerifier` during key exchange; on refusal it only sends the protocol's
 * DISCONNECT and never starts authentication). Rejects with a CrossdockError naming the host.
 */
export function openSshClient(target: SshTarget, options: SshClientOptions): Promise<OpenedClient> {
  const host = describeEndpoint(target);
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let decision: HostKeyDecision | undefined;
    let settled = false;

    const finish = (error: CrossdockError | null): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        client.end();
        reject(error);
      } else if (decision?.accepted) {
        resolve({ client, hostKey: decision.key, hostKeySource: decision.source });
      } else {
        client.end();
        reject(new CrossdockError('INTERNAL', `SSH login to ${host} finished without a host key decision`, { host }));
      }
    };
    const onAbort = (): void =>
      finish(new CrossdockError('CANCELLED', `Connecting to ${host} was cancelled.`, { host }));

    // The refusal from our own policy is the real reason; ssh2 only says "Host denied".
    const failure = (error: unknown): CrossdockError =>
      decision && !decision.accepted ? decision.error : toConnectError(error, host, options.connectTimeoutMs);

    // Stays attached after login: ssh2 emits 'error' later too, and an EventEmitter with no
    // 'error' listener would crash the process. Later errors are the connection owner's business.
    client.on('error', (error) => finish(failure(error)));
    client.once('ready', () => finish(null));
    client.once('close', () =>
      finish(
        failure(
          new CrossdockError('HOST_UNREACHABLE', `${host} closed the connection during the SSH handshake.`, { host }),
        ),
      ),
    );

    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      client.connect(
        connectConfig(target, options, (key) => {
          decision = decideHostKey(target, key, target.hostKey);
          return decision.accepted;
        }),
      );
    } catch (error) {
      // ssh2 throws synchronously for an unreadable private key.
      finish(failure(error));
    }
  });
}

function connectConfig(target: SshTarget, options: SshClientOptions, verify: (key: Buffer) => boolean): ConnectConfig {
  const serverHostKey = preferredHostKeyAlgorithms(target, target.hostKey);
  return {
    host: target.address,
    port: target.port,
    username: target.username,
    privateKey: target.privateKey,
    ...(target.passphrase !== undefined ? { passphrase: target.passphrase } : {}),
    // Only the key: never fall back to a password prompt or an agent we were not given.
    authHandler: ['publickey'],
    // hostHash stays unset so the verifier gets the raw key blob, from which the policy computes
    // the same SHA256 fingerprint ssh-keygen shows. Never leave hostVerifier unset: ssh2 would
    // then accept any key.
    hostVerifier: verify,
    readyTimeout: options.connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: options.keepaliveCountMax,
    ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
    ...(options.debug ? { debug: options.debug } : {}),
  };
}
