import type { ClientChannel } from 'ssh2';
import { closeChannel } from './channel-registry.js';

/** The parts of ssh2's Channel (private API, ssh2 1.x) that signalling after EOF needs. */
interface ChannelInternals {
  type?: string;
  outgoing?: { id?: number; state?: string };
  _client?: { _protocol?: { signal?: (channelId: number, signalName: string) => void } };
}

/**
 * Sends a "signal" channel request (RFC 4254 6.9; OpenSSH's sshd delivers it to the command's
 * process group). ssh2's own `channel.signal()` silently does nothing once we have sent EOF on
 * stdin, which `exec` does for every command without input, although the protocol allows
 * requests until the channel is closed; so this goes to ssh2's protocol object directly.
 * Returns false when the channel is closing or ssh2's internals are not the expected shape.
 */
export function sendSignal(channel: ClientChannel, signalName: 'TERM' | 'KILL' | 'INT' | 'HUP'): boolean {
  const internals = channel as unknown as ChannelInternals;
  const id = internals.outgoing?.id;
  const state = internals.outgoing?.state;
  const protocol = internals._client?._protocol;
  if (internals.type !== 'session' || id === undefined || (state !== 'open' && state !== 'eof')) return false;
  if (typeof protocol?.signal !== 'function') {
    channel.signal(signalName);
    return false;
  }
  protocol.signal(id, signalName);
  return true;
}

// How long a cancelled command gets to exit on SIGTERM before SIGKILL and the channel close.
const GRACE_MS = 1_000;

/**
 * Ends a remote process and its channel. SIGTERM first: sshd delivers it to the command's
 * process group for non-root logins (for root logins OpenSSH refuses "signal" requests, as it
 * runs those sessions without privilege separation). If the channel has not closed after a
 * grace period: SIGKILL, then our CLOSE, upon which sshd closes the command's pipes (a writer
 * dies of SIGPIPE, a reader sees EOF) and hangs up its pty (SIGHUP). Signals go first because
 * nothing may be sent on a channel after its CLOSE.
 */
export function terminate(channel: ClientChannel): void {
  // Unread output would keep ssh2 from ever reporting the close.
  channel.stderr.resume();
  channel.resume();
  if (!sendSignal(channel, 'TERM')) return closeChannel(channel);
  const timer = setTimeout(() => {
    sendSignal(channel, 'KILL');
    closeChannel(channel);
  }, GRACE_MS);
  timer.unref();
  channel.once('close', () => clearTimeout(timer));
}
