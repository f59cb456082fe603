import type { WireError } from '../errors.js';

/** How the core reaches a host's Docker engine. */
export type HostKind = 'local' | 'ssh';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';

/** The host key Crossdock pinned for a host on first contact (or that the user gave in advance). */
export interface PinnedHostKey {
  keyType: string;
  /** `SHA256:…` */
  fingerprint: string;
}

/** A Docker host as the renderer sees it: never any key material, only whether there is one. */
export interface HostInfo {
  id: string;
  name: string;
  kind: HostKind;
  /** `user@address:port` for SSH hosts, the socket path for the local engine. */
  endpoint: string;
  address: string | null;
  port: number | null;
  user: string | null;
  /** The SSH key (by id) used to log in. */
  keyId: string | null;
  hostKey: PinnedHostKey | null;
  status: ConnectionStatus;
  /** Why the last connection attempt failed, when status is `error`. */
  statusError: WireError | null;
  hasCredential: boolean;
  createdAt: string;
}

/** How to treat the host key at first contact. */
export type HostKeyTrust =
  /** Accept only a key with this fingerprint (`SHA256:…`), e.g. the one shown to the user. */
  | { fingerprint: string }
  /** Accept whatever key the host presents now, and pin it. */
  | { firstUse: true };

/**
 * Output of a host shell session: its id first (to send input and resizes), then bytes. Bytes
 * travel as base64 so that binary output (`crossdock ssh web-1 -- cat backup.tar`) arrives exact.
 */
export type ShellChunk =
  | { kind: 'session'; sessionId: string }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; base64: string };
