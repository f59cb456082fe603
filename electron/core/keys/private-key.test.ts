import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/errors.js';
import { isEncryptedKeyText } from './openssh-private-key.js';
import { readPrivateKey } from './private-key.js';
import { keygenDir, keygenPublicFromPrivate, type KeygenDir, type KeygenKey } from './ssh-keygen-fixture.js';

let keygen: KeygenDir;
const keys: Record<string, KeygenKey> = {};

beforeAll(() => {
  keygen = keygenDir();
  keys.ed25519 = keygen.generate('ed25519', ['-t', 'ed25519']);
  keys.rsa = keygen.generate('rsa', ['-t', 'rsa', '-b', '3072']);
  keys.ecdsa = keygen.generate('ecdsa', ['-t', 'ecdsa', '-b', '256']);
  keys.encrypted = keygen.generate('encrypted', ['-t', 'ed25519'], 'secret');
  keys.rsaPem = keygen.generate('rsa-pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']);
  keys.ecdsaPem = keygen.generate('ecdsa-pem', ['-t', 'ecdsa', '-b', '384', '-m', 'PEM']);
  keys.encryptedRsaPem = keygen.generate('encrypted-rsa-pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM'], 'secret');
}, 60_000);
afterAll(() => keygen.dispose());

function parse(text: string | Buffer, passphrase?: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(text, passphrase);
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

function failure(fn: () => unknown): CrossdockError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CrossdockError);
    return error as CrossdockError;
  }
  throw new Error('expected a CrossdockError');
}

/** The stored key works without a passphrase: ssh2 signs with it and the original .pub verifies. */
function expectUsable(stored: Buffer, key: KeygenKey): void {
  expect(isEncryptedKeyText(stored.toString())).toBe(false);
  const reparsed = parse(stored);
  const publicKey = parse(key.publicLine);
  expect(reparsed.getPublicSSH().equals(publicKey.getPublicSSH())).toBe(true);
  const data = randomBytes(64);
  expect(publicKey.verify(data, reparsed.sign(data))).toBe(true);
  // And OpenSSH itself reads what we store.
  const file = join(keygen.dir, `stored-${key.path.split('/').pop()}`);
  writeFileSync(file, stored, { mode: 0o600 });
  expect(keygenPublicFromPrivate(file)).toBe(key.publicLine.split(' ').slice(0, 2).join(' '));
}

describe('readPrivateKey', () => {
  it.each([
    ['ed25519', 'ssh-ed25519'],
    ['rsa', 'ssh-rsa'],
    ['ecdsa', 'ecdsa-sha2-nistp256'],
    ['rsaPem', 'ssh-rsa'],
    ['ecdsaPem', 'ecdsa-sha2-nistp384'],
  ] as const)('reads a %s key: type, ssh-keygen fingerprint, public line, usable unencrypted copy', (name, type) => {
    const key = keys[name]!;
    const info = readPrivateKey(key.text);
    expect(info.type).toBe(type);
    expect(info.fingerprint).toBe(key.fingerprint);
    const [keyType, blob] = key.publicLine.split(' ');
    expect(info.publicKey.startsWith(`${keyType} ${blob}`)).toBe(true);
    if (key.text.includes('OPENSSH')) expect(info.publicKey).toBe(key.publicLine); // PEM files carry no comment
    expectUsable(info.unencryptedPrivateKey, key);
  });

  it('an encrypted key without its passphrase is KEY_PASSPHRASE_REQUIRED, naming the key', () => {
    for (const key of [keys.encrypted!, keys.encryptedRsaPem!]) {
      for (const passphrase of [undefined, '']) {
        const error = failure(() => readPrivateKey(key.text, passphrase, key.path));
        expect(error.code).toBe('KEY_PASSPHRASE_REQUIRED');
        expect(error.message).toContain(key.path);
        expect(error.details).toEqual({ name: key.path });
      }
    }
  });

  it('a wrong passphrase is KEY_INVALID and never echoed', () => {
    for (const key of [keys.encrypted!, keys.encryptedRsaPem!]) {
      const error = failure(() => readPrivateKey(key.text, 'not-the-secret', 'id_test'));
      expect(error.code).toBe('KEY_INVALID');
      expect(error.message).toMatch(/passphrase is wrong/);
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('not-the-secret');
    }
  });

  it('with the right passphrase, stores the key decrypted so ssh2 needs no passphrase later', () => {
    for (const key of [keys.encrypted!, keys.encryptedRsaPem!]) {
      const info = readPrivateKey(Buffer.from(key.text), 'secret');
      expect(info.fingerprint).toBe(key.fingerprint);
      expectUsable(info.unencryptedPrivateKey, key);
    }
  });

  it('reads PKCS#8 PEM, which ssh2 alone cannot, plain and encrypted', () => {
    const pair = generateKeyPairSync('ed25519');
    const plain = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const encrypted = pair.privateKey
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' })
      .toString();
    const expected = readPrivateKey(plain);
    expect(expected.type).toBe('ssh-ed25519');
    expect(failure(() => readPrivateKey(encrypted)).code).toBe('KEY_PASSPHRASE_REQUIRED');
    expect(failure(() => readPrivateKey(encrypted, 'wrong')).code).toBe('KEY_INVALID');
    expect(readPrivateKey(encrypted, 'secret').fingerprint).toBe(expected.fingerprint);
    expect(parse(expected.unencryptedPrivateKey).type).toBe('ssh-ed25519');
  });

  it('refuses public keys, garbage, empty input and DSA-style unsupported keys with KEY_INVALID', () => {
    expect(failure(() => readPrivateKey(keys.ed25519!.publicLine)).message).toMatch(/public key/);
    for (const text of [
      '',
      'hello',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
      'x'.repeat(70_000),
    ]) {
      expect(failure(() => readPrivateKey(text)).code).toBe('KEY_INVALID');
    }
    const ed448 = generateKeyPairSync('ed448').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(failure(() => readPrivateKey(ed448)).message).toMatch(/does not support/);
  });
});
