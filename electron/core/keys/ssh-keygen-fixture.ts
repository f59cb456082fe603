// Test helper (not used by the app): real keys from the real ssh-keygen, as users have them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeygenKey {
  /** The private key file's path. */
  path: string;
  text: string;
  /** The `.pub` line as ssh-keygen wrote it. */
  publicLine: string;
  /** `SHA256:…` from `ssh-keygen -lf`. */
  fingerprint: string;
}

/** A temporary directory of keys made by `ssh-keygen`; `dispose` removes it. */
export interface KeygenDir {
  dir: string;
  generate(name: string, args: string[], passphrase?: string): KeygenKey;
  dispose(): void;
}

export function keygenDir(): KeygenDir {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-keys-'));
  return {
    dir,
    generate(name, args, passphrase = '') {
      const path = join(dir, name);
      execFileSync('ssh-keygen', ['-q', ...args, '-N', passphrase, '-C', `${name}@crossdock-test`, '-f', path]);
      return {
        path,
        text: readFileSync(path, 'utf8'),
        publicLine: readFileSync(`${path}.pub`, 'utf8').trim(),
        fingerprint: keygenFingerprint(path),
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The fingerprint ssh-keygen prints for a key file (private or public). */
export function keygenFingerprint(path: string): string {
  return execFileSync('ssh-keygen', ['-lf', path]).toString().split(' ')[1] ?? '';
}

/**
 * `<type> <base64>` of the public key ssh-keygen derives from a private key file: proof that
 * OpenSSH itself can read the file (the comment it may append is left off).
 */
export function keygenPublicFromPrivate(path: string): string {
  return execFileSync('ssh-keygen', ['-y', '-P', '', '-f', path]).toString().trim().split(' ').slice(0, 2).join(' ');
}
