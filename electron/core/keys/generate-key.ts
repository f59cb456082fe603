import ssh2 from 'ssh2';
import { readPrivateKey } from './private-key.js';

/** A freshly generated key pair. */
export interface GeneratedKey {
  type: 'ssh-ed25519';
  /** Unencrypted, in OpenSSH format: goes straight into the vault, never to disk or the renderer. */
  privateKey: Buffer;
  /** `ssh-ed25519 <base64> <comment>`, for `authorized_keys` and cloud providers' key APIs. */
  publicKey: string;
  fingerprint: string;
}

/**
 * Generates an ed25519 key pair: short keys, fast signatures, and accepted by every OpenSSH
 * since 6.5. The comment ends up in the servers' `authorized_keys`, so it should say whose key
 * it is (Crossdock passes the key's name).
 */
export function generateEd25519Key(comment: string): GeneratedKey {
  // About one pair in 256 from ssh2's generator cannot be read back by ssh2 itself (it drops a
  // leading zero byte of the public key: mscdex/ssh2 #1390, #1513). Such a key would fail at the
  // first login, so it is thrown away here; ten misses in a row would take odds of 256^-10.
  for (let attempt = 1; ; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (ssh2.utils.parseKey(pair.public) instanceof Error || ssh2.utils.parseKey(pair.private) instanceof Error) {
      if (attempt < 10) continue;
      throw new Error('ssh2 generated ten unreadable ed25519 keys in a row');
    }
    // Read it back through the import path, so generated and imported keys are stored identically.
    const info = readPrivateKey(pair.private);
    return {
      type: 'ssh-ed25519',
      privateKey: info.unencryptedPrivateKey,
      publicKey: info.publicKey,
      fingerprint: info.fingerprint,
    };
  }
}
