import { createHash } from 'node:crypto';

/**
 * The SHA256 fingerprint of an SSH public key blob, exactly as `ssh-keygen -l` prints it:
 * `SHA256:` followed by unpadded base64 of the digest.
 */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key type named inside a public key blob (`ssh-ed25519`, `ssh-rsa`,
 * `ecdsa-sha2-nistp256`, ...): the wire format starts with it as an SSH string (uint32 length,
 * then the name). Returns null when the blob is too short or the name is not plain ASCII.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return null;
  const name = keyBlob.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : null;
}
