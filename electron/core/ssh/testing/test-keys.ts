// ssh2 is CommonJS; Node's ESM loader does not find `utils` as a named export.
import ssh2 from 'ssh2';

const { utils } = ssh2;
import { sha256Fingerprint } from '../host-key-fingerprint.js';

/** A generated key pair; `fingerprint` is that of the public half. */
export interface TestKeyPair {
  privateKey: string;
  publicBlob: Buffer;
  fingerprint: string;
}

/**
 * An ed25519 key pair from ssh2's generator. About one in 256 of those cannot be parsed back by
 * ssh2 itself (it strips a leading zero byte of the public key: mscdex/ssh2 issues #1390, #1513),
 * which would make tests fail at random; such pairs are thrown away.
 */
export function generateTestKey(options: { passphrase?: string } = {}): TestKeyPair {
  for (;;) {
    const pair = options.passphrase
      ? utils.generateKeyPairSync('ed25519', { passphrase: options.passphrase, cipher: 'aes256-ctr', rounds: 2 })
      : utils.generateKeyPairSync('ed25519');
    if (
      utils.parseKey(pair.public) instanceof Error ||
      utils.parseKey(pair.private, options.passphrase) instanceof Error
    )
      continue;
    const publicBlob = Buffer.from(pair.public.split(' ')[1] ?? '', 'base64');
    return { privateKey: pair.private, publicBlob, fingerprint: sha256Fingerprint(publicBlob) };
  }
}
