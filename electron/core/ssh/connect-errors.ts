import { CrossdockError, type ErrorCode } from '../../../shared/index.js';

/** What ssh2 adds to the errors it emits (`level` says which stage failed). */
export interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

// Socket errors that mean "nothing reachable there", as opposed to a refusal by sshd.
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/** Failures the user must act on (a key, a host key): retrying on a timer will not fix them. */
export const PERMANENT_CONNECT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH_FAILED',
  'HOST_KEY_MISMATCH',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_REVOKED',
  'KEY_INVALID',
  'KEY_PASSPHRASE_REQUIRED',
]);

/**
 * Turns an ssh2 connection failure into a CrossdockError naming the host (`user@address:port`).
 * `timeoutMs` is the configured connect timeout, quoted when the handshake ran out of time.
 * The original error rides along as `cause` for the log; it never crosses the API boundary.
 */
export function toConnectError(error: unknown, host: string, timeoutMs: number): CrossdockError {
  if (error instanceof CrossdockError) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as Ssh2Error;
  const made = classify(e, host, timeoutMs);
  made.cause = error;
  return made;
}

function classify(e: Ssh2Error, host: string, timeoutMs: number): CrossdockError {
  const message = e.message;
  if (/passphrase given/i.test(message)) {
    return new CrossdockError(
      'KEY_PASSPHRASE_REQUIRED',
      `The private key for ${host} is encrypted and no passphrase was given.`,
      { host },
    );
  }
  if (/Cannot parse privateKey|bad passphrase|Malformed|Unsupported key format/i.test(message)) {
    return new CrossdockError(
      'KEY_INVALID',
      `The private key for ${host} could not be read (unknown format, corrupt, or wrong passphrase); import it again or choose another key.`,
      { host },
    );
  }
  if (e.level === 'client-authentication') {
    // Said once, with what to do: clients add no hint of their own to it.
    return new CrossdockError(
      'AUTH_FAILED',
      `${host} refused the login with this key; check the user name, and that the public half of the key is in that user's ~/.ssh/authorized_keys.`,
      { host },
    );
  }
  if (e.level === 'client-timeout') {
    const what = /keepalive/i.test(message)
      ? 'stopped answering keepalives'
      : `did not complete the SSH handshake within ${timeoutMs} ms`;
    return new CrossdockError('HOST_UNREACHABLE', `${host} ${what}.`, { host, timeoutMs });
  }
  if (
    e.level === 'client-socket' ||
    e.level === 'client-dns' ||
    (e.code !== undefined && UNREACHABLE_SOCKET_CODES.has(e.code))
  ) {
    const reason = e.code ? ` (${e.code})` : '';
    return new CrossdockError('HOST_UNREACHABLE', `Nothing answered SSH at ${host}${reason}.`, {
      host,
      ...(e.code ? { reason: e.code } : {}),
    });
  }
  // Protocol or handshake failures not decided by our host key policy (no common algorithm, a
  // server that hung up during key exchange): the host is there but not usable over SSH.
  return new CrossdockError('HOST_UNREACHABLE', `The SSH handshake with ${host} failed: ${message}.`, { host });
}
