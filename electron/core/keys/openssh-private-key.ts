import { randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readSshString, sshMpint, sshString, uint32 } from './ssh-wire.js';

/** The key types Crossdock stores; DSA is gone from OpenSSH and is refused. */
export type SshKeyType =
  | 'ssh-ed25519'
  | 'ssh-rsa'
  | 'ecdsa-sha2-nistp256'
  | 'ecdsa-sha2-nistp384'
  | 'ecdsa-sha2-nistp521';

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const PEM = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/;
const CURVES: Record<string, { id: 'nistp256' | 'nistp384' | 'nistp521'; bytes: number }> = {
  'P-256': { id: 'nistp256', bytes: 32 },
  'P-384': { id: 'nistp384', bytes: 48 },
  'P-521': { id: 'nistp521', bytes: 66 },
};

/** The public blob and the private fields of one key, both in SSH wire format. */
interface KeyParts {
  type: SshKeyType;
  publicBlob: Buffer;
  privateFields: Buffer;
}

/** `null` for key types Crossdock does not store (DSA, other curves, Ed448). */
function keyParts(key: KeyObject): KeyParts | null {
  // Node cannot export DSA keys as JWK; ask about the type before asking for the numbers.
  if (!['ed25519', 'rsa', 'ec'].includes(key.asymmetricKeyType ?? '')) return null;
  const jwk = key.export({ format: 'jwk' });
  const b = (field: keyof JsonWebKey): Buffer => Buffer.from(String(jwk[field] ?? ''), 'base64url');
  if (key.asymmetricKeyType === 'ed25519') {
    const type = 'ssh-ed25519';
    const publicKey = b('x');
    const publicBlob = Buffer.concat([sshString(type), sshString(publicKey)]);
    // OpenSSH stores the 32-byte seed followed by the public key.
    const privateFields = Buffer.concat([
      sshString(type),
      sshString(publicKey),
      sshString(Buffer.concat([b('d'), publicKey])),
    ]);
    return { type, publicBlob, privateFields };
  }
  if (key.asymmetricKeyType === 'rsa') {
    const type = 'ssh-rsa';
    const publicBlob = Buffer.concat([sshString(type), sshMpint(b('e')), sshMpint(b('n'))]);
    const privateFields = Buffer.concat([
      sshString(type),
      sshMpint(b('n')),
      sshMpint(b('e')),
      sshMpint(b('d')),
      sshMpint(b('qi')),
      sshMpint(b('p')),
      sshMpint(b('q')),
    ]);
    return { type, publicBlob, privateFields };
  }
  const curve = key.asymmetricKeyType === 'ec' && typeof jwk.crv === 'string' ? CURVES[jwk.crv] : undefined;
  if (curve) {
    const type = `ecdsa-sha2-${curve.id}` as const;
    const point = Buffer.concat([Buffer.from([4]), leftPad(b('x'), curve.bytes), leftPad(b('y'), curve.bytes)]);
    const publicBlob = Buffer.concat([sshString(type), sshString(curve.id), sshString(point)]);
    const privateFields = Buffer.concat([sshString(type), sshString(curve.id), sshString(point), sshMpint(b('d'))]);
    return { type, publicBlob, privateFields };
  }
  return null;
}

/**
 * Writes a private key as an unencrypted OpenSSH key file ("openssh-key-v1", cipher none).
 *
 * Why write this format ourselves: ssh2's `getPrivatePEM()` returns PKCS#1 for RSA and SEC1 for
 * ECDSA, which ssh2 reads back, but PKCS#8 for ed25519, which ssh2's `parseKey` cannot read. One
 * format for every type is simpler to reason about, and it is the format both ssh2 and OpenSSH
 * read natively, so a stored key can be handed to either without a passphrase. Keeping the
 * original text plus its passphrase instead would make every connection depend on bcrypt-pbkdf
 * (slow by design) and keep the user's passphrase around for no benefit.
 */
export function encodeOpenSshPrivateKey(key: KeyObject, comment: string): { type: SshKeyType; text: string } | null {
  const parts = keyParts(key);
  if (!parts) return null;
  const check = randomBytes(4);
  let section = Buffer.concat([check, check, parts.privateFields, sshString(comment)]);
  const padding = (8 - (section.length % 8)) % 8;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    MAGIC,
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(parts.publicBlob),
    sshString(section),
  ]).toString('base64');
  const lines = body.match(/.{1,70}/g) ?? [];
  return {
    type: parts.type,
    text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
  };
}

/**
 * Whether a key file is passphrase-protected, decided from its headers rather than from the
 * wording of ssh2's error messages (which may change between versions).
 */
export function isEncryptedKeyText(text: string): boolean {
  if (text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) return true; // PKCS#8
  if (/^Proc-Type:\s*4,ENCRYPTED/m.test(text)) return true; // legacy PEM
  if (/^Encryption:\s*(?!none\b)\S+/m.test(text)) return true; // PuTTY
  const match = PEM.exec(text);
  if (!match) return false;
  const data = Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) return false;
  const cipher = readSshString(data, MAGIC.length);
  return cipher !== null && cipher.value.toString('latin1') !== 'none';
}

/**
 * The public key blob an OpenSSH key file carries in the clear, even when its private part is
 * encrypted: enough to recognise a key already imported without asking for its passphrase.
 * `null` for other formats.
 */
export function openSshPublicBlob(text: string): Buffer | null {
  const match = PEM.exec(text);
  if (!match) return null;
  const data = Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const cipher = readSshString(data, MAGIC.length);
  const kdf = cipher && readSshString(data, cipher.next);
  const kdfOptions = kdf && readSshString(data, kdf.next);
  if (!kdfOptions || kdfOptions.next + 4 > data.length || data.readUInt32BE(kdfOptions.next) !== 1) return null;
  return readSshString(data, kdfOptions.next + 4)?.value ?? null;
}

function leftPad(bytes: Buffer, length: number): Buffer {
  return bytes.length >= length ? bytes : Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}
