// cloud-init prints the machine's SSH host public keys to the serial console between
// `-----BEGIN SSH HOST KEY KEYS-----` and `-----END SSH HOST KEY KEYS-----`. EC2 serves that
// console out of band (GetConsoleOutput), so the keys can be pinned before the first SSH
// connection instead of trusted on first use.
import { createHash } from 'node:crypto';

const BLOCK = /-----BEGIN SSH HOST KEY KEYS-----\r?\n([\s\S]*?)-----END SSH HOST KEY KEYS-----/g;
const KEY_LINE = /(?:^|\s)((?:ssh-|ecdsa-sha2-|sk-)[\w@.-]+)\s+([A-Za-z0-9+/]+={0,2})(?:\s|$)/;

/** `SHA256:<base64 of sha256(blob), no padding>`, as `ssh-keygen -l` prints it. */
export function sha256KeyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** True when the blob begins with its own length-prefixed key type, as every SSH key blob does. */
function blobHasType(blob: Buffer, type: string): boolean {
  if (blob.length < 4) return false;
  const length = blob.readUInt32BE(0);
  return length === type.length && blob.subarray(4, 4 + length).toString('latin1') === type;
}

/**
 * The SHA256 fingerprints of the host keys in the last key block of a console text (the latest
 * boot's, since the console is appended to on each boot), or null when no block is there yet.
 * Lines that are not well-formed keys are skipped rather than trusted.
 */
export function consoleHostKeyFingerprints(consoleText: string): string[] | null {
  const blocks = [...consoleText.matchAll(BLOCK)];
  const last = blocks.at(-1)?.[1];
  if (last === undefined) return null;
  const fingerprints: string[] = [];
  for (const line of last.split(/\r?\n/)) {
    const match = KEY_LINE.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const blob = Buffer.from(match[2], 'base64');
    if (blobHasType(blob, match[1])) fingerprints.push(sha256KeyFingerprint(blob));
  }
  return fingerprints.length > 0 ? fingerprints : null;
}
