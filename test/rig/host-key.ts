import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The SHA256 fingerprint ("SHA256:base64-without-padding", as ssh-keygen prints it) of a rig
 * machine's ed25519 host key, read out of band through `docker exec`, so a test can pin the key
 * before its first SSH connection instead of trusting whatever the network presents.
 */
export async function machineHostKeyFingerprint(machineName: string): Promise<string> {
  const { stdout } = await run('docker', [
    'exec',
    machineName,
    'ssh-keygen',
    '-lf',
    '/etc/ssh/ssh_host_ed25519_key.pub',
  ]);
  // "256 SHA256:xxxx root@host (ED25519)"
  const fingerprint = stdout.trim().split(/\s+/)[1];
  if (!fingerprint?.startsWith('SHA256:')) {
    throw new Error(`unexpected ssh-keygen output from ${machineName}: ${stdout}`);
  }
  return fingerprint;
}

/** Fingerprint of a raw SSH public key blob (what ssh2 hands to hostVerifier). */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
