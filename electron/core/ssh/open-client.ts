// ssh2 is CommonJS; Node's ESM loader finds only some of its names, so take the default export.
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { CrossdockError } from '../../../shared/index.js';
import { toConnectError } from './connect-errors.js';
import { preferredHostKeyAlgorithms } from './host-key-algorithms.js';
import { decideHostKey, type HostKeyDecision, type HostKeySource, type PresentedHostKey } from './host-key-policy.js';
import { type DeferredPrivateKey, describeEndpoint, isDeferredKey, type SshTarget } from './ssh-target.js';

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
    // Why a deferred key could not be had (the vault stayed locked, the key is unreadable).
    let keyFailure: unknown;
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
      decision && !decision.accepted
        ? decision.error
        : toConnectError(keyFailure ?? error, host, options.connectTimeoutMs);

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
        connectConfig(
          target,
          options,
          (key) => {
            decision = decideHostKey(target, key, target.hostKey);
            return decision.accepted;
          },
          (error) => {
            keyFailure = error;
          },
        ),
      );
    } catch (error) {
      // ssh2 throws synchronously for an unreadable private key.
      finish(failure(error));
    }
  });
}

function connectConfig(
  target: SshTarget,
  options: SshClientOptions,
  verify: (key: Buffer) => boolean,
  onKeyFailure: (error: unknown) => void,
): ConnectConfig {
  const serverHostKey = preferredHostKeyAlgorithms(target, target.hostKey);
  const key = target.privateKey;
  return {
    host: target.address,
    port: target.port,
    username: target.username,
    // Only the key: never fall back to a password prompt or an agent we were not given.
    ...(isDeferredKey(key)
      ? { authHandler: deferredKeyAuth(target, key, onKeyFailure) }
      : {
          privateKey: key,
          ...(target.passphrase !== undefined ? { passphrase: target.passphrase } : {}),
          authHandler: ['publickey'],
        }),
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

type AuthHandler = Extract<NonNullable<ConnectConfig['authHandler']>, (...args: never[]) => unknown>;

/**
 * Public-key authentication with a key that arrives later: ssh2 asks when the key exchange is done
 * (the host key already verified), and the answer waits for the vault's unlock. One attempt only,
 * as with a key given up front; a key that cannot be had or read ends the login with its reason.
 */
function deferredKeyAuth(
  target: SshTarget,
  key: DeferredPrivateKey,
  onKeyFailure: (error: unknown) => void,
): AuthHandler {
  let asked = false;
  return (_methodsLeft, _partialSuccess, answer) => {
    // ssh2 takes `false` for "no more methods" (its types omit it): the login fails at once.
    const next = answer as (auth: Parameters<typeof answer>[0] | false) => void;
    if (asked) return false;
    asked = true;
    key.load().then(
      (privateKey) => {
        // ssh2 skips an unreadable key silently and reports only "authentication failed".
        const parsed = ssh2.utils.parseKey(privateKey, target.passphrase);
        if (parsed instanceof Error) {
          onKeyFailure(parsed);
          next(false);
        } else {
          next({
            type: 'publickey',
            username: target.username,
            key: privateKey,
            ...(target.passphrase !== undefined ? { passphrase: target.passphrase } : {}),
          });
        }
      },
      (error: unknown) => {
        onKeyFailure(error);
        next(false);
      },
    );
    return undefined;
  };
}
