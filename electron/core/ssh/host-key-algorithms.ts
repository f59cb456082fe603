import type { ServerHostKeyAlgorithm } from 'ssh2';
import type { HostKeyTrust, SshEndpoint } from './ssh-target.js';
import { knownKeyTypes } from './known-hosts.js';

// ssh2's own default order (ssh2/lib/protocol/constants.js), minus ssh-dss.
const DEFAULT_ORDER: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

// An RSA key is one key type but three signature algorithms.
const ALGORITHMS_OF_KEY_TYPE: Readonly<Record<string, readonly string[]>> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * Host key algorithms to offer, those of already-trusted key types first (as OpenSSH does for
 * known_hosts): a server with ed25519 and RSA keys that we pinned by its RSA key must present the
 * RSA one, or the pinned check would fail on a key we simply never asked for.
 * Returns undefined (ssh2's default) when nothing about the host is known.
 */
export function preferredHostKeyAlgorithms(
  endpoint: SshEndpoint,
  trust: HostKeyTrust,
): ServerHostKeyAlgorithm[] | undefined {
  const types =
    trust.pinnedFingerprint !== undefined
      ? trust.pinnedKeyType
        ? [trust.pinnedKeyType]
        : []
      : knownKeyTypes(trust.knownHosts ?? [], endpoint.address, endpoint.port);
  const first = types.flatMap((type) => ALGORITHMS_OF_KEY_TYPE[type] ?? [type]).filter(isOffered);
  if (first.length === 0) return undefined;
  return [...first, ...DEFAULT_ORDER.filter((algorithm) => !first.includes(algorithm))];
}

function isOffered(algorithm: string): algorithm is ServerHostKeyAlgorithm {
  return (DEFAULT_ORDER as readonly string[]).includes(algorithm);
}
