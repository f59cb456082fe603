import type { ConnectionStatus, HostInfo } from '../../../shared/index.js';

export type Tone = 'ok' | 'warn' | 'danger' | 'busy' | 'muted';

export const HOST_STATUS: Record<ConnectionStatus, { label: string; tone: Tone }> = {
  idle: { label: 'Idle', tone: 'muted' },
  connecting: { label: 'Connecting', tone: 'busy' },
  connected: { label: 'Connected', tone: 'ok' },
  disconnected: { label: 'Disconnected', tone: 'warn' },
  error: { label: 'Error', tone: 'danger' },
};

/** What the hosts table says about a host's last failure; null when there is none to show. */
export interface HostProblem {
  /** Short, for the table cell. */
  summary: string;
  /** The core's sentence, for the tooltip and screen readers. */
  message: string;
  code: string;
  /** A changed host key is shown louder than other failures: it may be an attack. */
  severe: boolean;
}

export function hostProblem(host: Pick<HostInfo, 'status' | 'statusError'>): HostProblem | null {
  const error = host.statusError;
  if (!error || host.status === 'connected' || host.status === 'connecting') return null;
  const severe = error.code === 'HOST_KEY_MISMATCH' || error.code === 'HOST_KEY_REVOKED';
  const summary = SUMMARIES[error.code] ?? error.message;
  return { summary, message: error.message, code: error.code, severe };
}

const SUMMARIES: Partial<Record<string, string>> = {
  HOST_KEY_MISMATCH: 'Host key changed — refusing to connect',
  HOST_KEY_REVOKED: 'Host key revoked — refusing to connect',
  HOST_UNREACHABLE: 'Unreachable',
  AUTH_FAILED: 'Login refused',
  DOCKER_UNAVAILABLE: 'Docker not available',
  VAULT_LOCKED: 'Vault locked',
};

/** `SHA256:abcdefgh…` → shortened for a table cell; the full value goes in the tooltip. */
export function shortFingerprint(fingerprint: string, keep = 16): string {
  const body = fingerprint.startsWith('SHA256:') ? fingerprint.slice(7) : fingerprint;
  return body.length > keep ? `SHA256:${body.slice(0, keep)}…` : fingerprint;
}

/**
 * The core answers `hosts.add` once its probe connection got in, and starts the host's kept-alive
 * connection right after, so a new SSH host usually comes back `idle` or `connecting`.
 */
export function addedMessage(host: Pick<HostInfo, 'status'>): string {
  if (host.status === 'connected') return 'Connected; its containers now show under Containers.';
  if (host.status === 'idle' || host.status === 'connecting')
    return 'Connecting now; its containers show under Containers once it is connected.';
  return `Status: ${HOST_STATUS[host.status].label}.`;
}
