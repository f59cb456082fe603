import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { CrossdockError } from '../../../shared/errors.js';
import { encodeOpenSshPrivateKey, isEncryptedKeyText, type SshKeyType } from './openssh-private-key.js';
import { publicKeyLine, sshFingerprint } from './public-key.js';

/** A private key as Crossdock keeps it: public facts plus the key without its passphrase. */
export interface PrivateKeyInfo {
  type: SshKeyType;
  /** `<type> <base64> <comment>`, ready for `authorized_keys`. */
  publicKey: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The key's own comment ('' when the file has none, as in PEM files). */
  comment: string;
  /**
   * The key as an unencrypted OpenSSH key file, which ssh2 (and OpenSSH) read without a
   * passphrase. Store it in the vault only; the caller should zero it when done.
   */
  unencryptedPrivateKey: Buffer;
}

// Far above any real key file (an RSA 16384 key is about 13 KB); stops pasted garbage early.
const MAX_KEY_TEXT = 64 * 1024;
const PKCS8_PEM = /-----BEGIN (?:ENCRYPTED )?PRIVATE KEY-----/;

/**
 * Reads an SSH private key: OpenSSH or PEM (PKCS#1, SEC1, PKCS#8), for ed25519, RSA and ECDSA
 * (PuTTY .ppk files work as far as ssh2 reads them; no test covers them). An encrypted key
 * without `passphrase` throws `KEY_PASSPHRASE_REQUIRED`; a wrong passphrase, a public key or
 * anything unreadable throws `KEY_INVALID`. `name` (a file path or the user's label) only
 * appears in messages. Neither the key nor the passphrase ever does.
 */
export function readPrivateKey(text: string | Buffer, passphrase?: string, name?: string): PrivateKeyInfo {
  const source = typeof text === 'string' ? text : text.toString('utf8');
  const label = name ? `The key "${name}"` : 'The key';
  const details = name ? { name } : {};
  const invalid = (why: string): CrossdockError => new CrossdockError('KEY_INVALID', `${label} ${why}`, details);
  if (source.length > MAX_KEY_TEXT) throw invalid('is too large to be a private key.');

  const given = passphrase ? passphrase : undefined;
  const encrypted = isEncryptedKeyText(source);
  if (encrypted && !given) {
    throw new CrossdockError(
      'KEY_PASSPHRASE_REQUIRED',
      `${label} is protected by a passphrase; enter it to import the key.`,
      details,
    );
  }
  const unreadable = encrypted
    ? 'could not be decrypted: the passphrase is wrong.'
    : 'is not a private key Crossdock can read; choose an OpenSSH or PEM private key (ed25519, RSA or ECDSA).';

  const decoded = decode(source, given);
  if (decoded === 'public') throw invalid('is a public key; import the private key (the file without ".pub").');
  if (!decoded) throw invalid(unreadable);

  const encoded = encodeOpenSshPrivateKey(decoded.key, decoded.comment);
  if (!encoded)
    throw invalid(
      `uses ${decoded.key.asymmetricKeyType?.toUpperCase() ?? 'an unknown algorithm'}, which Crossdock does not support (use ed25519, RSA or ECDSA).`,
    );
  const reparsed = parse(encoded.text);
  // Our own output must read back as the same key and sign with it; anything else is a bug here.
  if (!reparsed || !works(reparsed) || (decoded.publicBlob && !decoded.publicBlob.equals(reparsed.getPublicSSH()))) {
    throw new Error(`re-encoding a ${encoded.type} key did not round-trip`);
  }
  const publicBlob = reparsed.getPublicSSH();
  return {
    type: encoded.type,
    publicKey: publicKeyLine(encoded.type, publicBlob, decoded.comment),
    fingerprint: sshFingerprint(publicBlob),
    comment: decoded.comment,
    unencryptedPrivateKey: Buffer.from(encoded.text, 'utf8'),
  };
}

interface Decoded {
  key: KeyObject;
  comment: string;
  /** What ssh2 read as the public key, to check the re-encoding against; null for PKCS#8. */
  publicBlob: Buffer | null;
}

function decode(source: string, passphrase: string | undefined): Decoded | 'public' | null {
  const parsed = parse(source, passphrase);
  if (parsed) {
    if (!parsed.isPrivateKey()) return 'public';
    return {
      key: createPrivateKey(parsed.getPrivatePEM()),
      comment: parsed.comment,
      publicBlob: parsed.getPublicSSH(),
    };
  }
  // ssh2 does not read PKCS#8 (what `openssl genpkey` writes); Node's crypto does.
  if (!PKCS8_PEM.test(source)) return null;
  try {
    const key = createPrivateKey(
      passphrase === undefined ? { key: source, format: 'pem' } : { key: source, format: 'pem', passphrase },
    );
    return { key, comment: '', publicBlob: null };
  } catch {
    return null;
  }
}

/** ssh2's parseKey, with its several ways of failing (an Error, or nothing for an empty file) made one. */
function parse(text: string, passphrase?: string): ParsedKey | null {
  const parsed: unknown = ssh2.utils.parseKey(text, passphrase);
  return parsed && !(parsed instanceof Error) && !Array.isArray(parsed) ? (parsed as ParsedKey) : null;
}

function works(key: ParsedKey): boolean {
  const data = randomBytes(32);
  const signature: unknown = key.sign(data);
  return signature instanceof Buffer && key.verify(data, signature) === true;
}
