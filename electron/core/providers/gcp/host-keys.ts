import { createHash } from 'node:crypto';

const BEGIN = '-----BEGIN SSH HOST KEY KEYS-----';
const END = '-----END SSH HOST KEY KEYS-----';

/** `SHA256:<base64 without padding>` of a raw key blob, exactly as `ssh-keygen -l` prints it. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The host key fingerprints a GCE guest printed to serial port 1 (the guest agent's, or
 * cloud-init's, `SSH HOST KEY KEYS` block), so the first SSH connection can be pinned instead of
 * trusted on first use. Uses the last complete block: every boot appends one, and after a
 * re-image the newest is the truth. Null when no complete block is there yet.
 */
export function hostKeyFingerprintsFromSerial(output: string): string[] | null {
  const end = output.lastIndexOf(END);
  if (end < 0) return null;
  const begin = output.lastIndexOf(BEGIN, end);
  if (begin < 0) return null;
  const fingerprints: string[] = [];
  for (const line of output.slice(begin + BEGIN.length, end).split(/\r?\n/)) {
    // "<type> <base64 blob> [comment]"; serial output can carry timestamps or noise, so skip
    // anything that is not a key line.
    const match = /^\s*(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9@.-]+)\s+([A-Za-z0-9+/]+={0,2})(?:\s|$)/.exec(
      line,
    );
    if (!match?.[2]) continue;
    fingerprints.push(sha256Fingerprint(Buffer.from(match[2], 'base64')));
  }
  return fingerprints.length > 0 ? fingerprints : null;
}
