import { createHash } from 'node:crypto';

/** `SHA256:` and the unpadded base64 of the blob's SHA-256, exactly as `ssh-keygen -lf` prints it. */
export function sshFingerprint(publicBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The `authorized_keys` line: `<type> <base64 blob>` and the comment when there is one. */
export function publicKeyLine(type: string, publicBlob: Buffer, comment: string): string {
  const line = `${type} ${publicBlob.toString('base64')}`;
  // A newline in a comment would inject a second line into authorized_keys.
  const safeComment = comment.replace(/[\r\n]+/g, ' ').trim();
  return safeComment ? `${line} ${safeComment}` : line;
}
