import { CrossdockError } from '../../../shared/index.js';
import { keyTypeOfBlob, sha256Fingerprint } from './host-key-fingerprint.js';
import { lookup } from './known-hosts.js';
import { describeEndpoint, type HostKeyTrust, type SshEndpoint } from './ssh-target.js';

/** The key a host presented during key exchange. */
export interface PresentedHostKey {
  keyType: string;
  /** `SHA256:…` */
  fingerprint: string;
}

/** Why a key was accepted: `first-use` means the caller should now pin `fingerprint`. */
export type HostKeySource = 'pinned' | 'known-hosts' | 'first-use';

/** The verdict on a presented host key. A refusal is data, not an exception. */
export type HostKeyDecision =
  | { accepted: true; key: PresentedHostKey; source: HostKeySource }
  | { accepted: false; key: PresentedHostKey; error: CrossdockError };

/**
 * Decides whether to continue a connection to `endpoint` that presented `keyBlob` (the raw
 * public key from ssh2's hostVerifier). Order: pin, then known_hosts, then trust on first use.
 */
export function decideHostKey(endpoint: SshEndpoint, keyBlob: Buffer, trust: HostKeyTrust): HostKeyDecision {
  const key: PresentedHostKey = {
    keyType: keyTypeOfBlob(keyBlob) ?? 'unknown',
    fingerprint: sha256Fingerprint(keyBlob),
  };
  const host = describeEndpoint(endpoint);
  const refuse = (error: CrossdockError): HostKeyDecision => ({ accepted: false, key, error });

  if (trust.pinnedFingerprint !== undefined) {
    if (trust.pinnedFingerprint === key.fingerprint) return { accepted: true, key, source: 'pinned' };
    return refuse(mismatch(host, [trust.pinnedFingerprint], key));
  }

  const known = lookup(trust.knownHosts ?? [], endpoint.address, endpoint.port, key.keyType, key.fingerprint);
  switch (known.status) {
    case 'match':
      return { accepted: true, key, source: 'known-hosts' };
    case 'mismatch':
      return refuse(mismatch(host, known.knownFingerprints, key));
    case 'revoked':
      return refuse(
        new CrossdockError(
          'HOST_KEY_REVOKED',
          `The host key of ${host} (${key.fingerprint}) is marked @revoked in known_hosts; refusing to connect.`,
          {
            host,
            fingerprint: key.fingerprint,
            keyType: key.keyType,
          },
        ),
      );
    case 'unknown':
      // First use means nobody knows this host. If known_hosts has it with other key types, the
      // user must look at the new key, as ssh makes them do.
      if (trust.trustOnFirstUse && known.knownFingerprints.length === 0) {
        return { accepted: true, key, source: 'first-use' };
      }
      return refuse(
        new CrossdockError(
          'HOST_KEY_UNKNOWN',
          `The authenticity of ${host} is not established: its ${key.keyType} key is ${key.fingerprint}. Trust this fingerprint to connect.`,
          { host, fingerprint: key.fingerprint, keyType: key.keyType, knownFingerprints: known.knownFingerprints },
        ),
      );
  }
}

function mismatch(host: string, expected: string[], key: PresentedHostKey): CrossdockError {
  return new CrossdockError(
    'HOST_KEY_MISMATCH',
    `The host key of ${host} has changed: expected ${expected.join(' or ')}, but the host presented ${key.keyType} ${key.fingerprint}. ` +
      'Someone could be intercepting the connection, or the server was reinstalled; refusing to connect.',
    { host, expectedFingerprints: expected, fingerprint: key.fingerprint, keyType: key.keyType },
  );
}
