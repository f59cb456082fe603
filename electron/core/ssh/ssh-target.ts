import type { KnownHostEntry } from './known-hosts.js';

/** Where and as whom to log in: enough to name the host in every message. */
export interface SshEndpoint {
  /** Host name or IP address. */
  address: string;
  port: number;
  username: string;
}

/**
 * How a host's key is trusted. Checked in this order: a pinned fingerprint is the only key
 * accepted; without one, known_hosts decides; a host it does not know is refused with
 * HOST_KEY_UNKNOWN unless trust on first use was chosen for this connection.
 */
export interface HostKeyTrust {
  /** `SHA256:…` fingerprint accepted for this host (pinned at first use or given in advance). */
  pinnedFingerprint?: string | undefined;
  /** Key type of the pinned key (`ssh-ed25519`, ...), so the client asks the server for it first. */
  pinnedKeyType?: string | undefined;
  /** Parsed known_hosts lines (e.g. ~/.ssh/known_hosts), consulted when nothing is pinned. */
  knownHosts?: readonly KnownHostEntry[] | undefined;
  /** Accept a key nobody knows yet and report its fingerprint, so the caller can pin it. */
  trustOnFirstUse?: boolean | undefined;
}

/** A private key the vault has not opened yet: `load` waits for the unlock under way. */
export interface DeferredPrivateKey {
  /** The key's id in the key store: two deferred keys with one id are the same key. */
  keyId: string;
  load(): Promise<Buffer>;
}

/** Everything needed to open the one SSH connection of a host. Holds key material: core only. */
export interface SshTarget extends SshEndpoint {
  /** The inventory id the connection pool is keyed by. */
  hostId: string;
  /** OpenSSH or PEM private key, or one that can be read once the vault's unlock finishes. */
  privateKey: Buffer | string | DeferredPrivateKey;
  /** The key store's id of the key, where it came from the key store. */
  keyId?: string | undefined;
  passphrase?: string | undefined;
  hostKey: HostKeyTrust;
}

/** `user@address:port`, the way every message names a host (IPv6 addresses in brackets). */
export function describeEndpoint(endpoint: SshEndpoint): string {
  const address = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  return `${endpoint.username}@${address}:${endpoint.port}`;
}

/** Whether two targets log in the same way (address, port, user, key); trust may differ. */
export function sameLogin(a: SshTarget, b: SshTarget): boolean {
  return (
    a.address === b.address &&
    a.port === b.port &&
    a.username === b.username &&
    a.passphrase === b.passphrase &&
    sameKey(a, b)
  );
}

/** Whether a private key is one still waiting for the vault. */
export function isDeferredKey(key: SshTarget['privateKey']): key is DeferredPrivateKey {
  return typeof key === 'object' && !Buffer.isBuffer(key);
}

function sameKey(a: SshTarget, b: SshTarget): boolean {
  // A deferred key has no bytes yet: the key store's id says whether it is the same key.
  if (isDeferredKey(a.privateKey) || isDeferredKey(b.privateKey)) {
    return a.keyId !== undefined && a.keyId === b.keyId;
  }
  return Buffer.from(a.privateKey).equals(Buffer.from(b.privateKey));
}
