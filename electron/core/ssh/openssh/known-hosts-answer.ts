import type { PinnedHostKey } from '../../../../shared/index.js';
import { keyTypeOfBlob, sha256Fingerprint } from '../host-key-fingerprint.js';

/**
 * What `crossdock known-hosts` prints for OpenSSH's `KnownHostsCommand`: ssh runs it with the
 * key the server offered (`%K`, base64) and its type (`%t`), and trusts exactly the known_hosts
 * lines it prints. The line is printed only when the offered key has the fingerprint Crossdock
 * pinned for the host, so ssh checks the same pin Crossdock does; anything else prints nothing
 * and ssh refuses the server. `hostPattern` is ssh's `%H` (the alias the block sets).
 */
export function knownHostsAnswer(
  pinned: PinnedHostKey | null,
  hostPattern: string,
  offeredType: string,
  offeredBase64: string,
): string | null {
  if (!pinned || !offeredBase64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(offeredBase64)) return null;
  const blob = Buffer.from(offeredBase64, 'base64');
  // The blob names its own type; a %t that disagrees with it is not a key we pinned.
  const blobType = keyTypeOfBlob(blob);
  if (blobType === null || blobType !== offeredType) return null;
  if (sha256Fingerprint(blob) !== pinned.fingerprint) return null;
  if (!/^[\w.:[\]*?-]+$/.test(hostPattern)) return null;
  return `${hostPattern} ${blobType} ${offeredBase64}`;
}
