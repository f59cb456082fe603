import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore, type KeyMeta, type KeyMetadataStore } from '../keys/key-store.js';
import { keygenDir, type KeygenDir } from '../keys/ssh-keygen-fixture.js';
import { createFileLogger } from '../log/logger.js';
import { unlockFromEnv } from './unlock-from-env.js';
import { createVault } from './vault.js';

// AWS's documented example credentials: the shape of a real cloud secret, and safe to publish.
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSPHRASE = 'vault passphrase from the environment';
const KEY_PASSPHRASE = 'key file passphrase';

let keygen: KeygenDir;
let dataDir: string;
beforeAll(() => {
  keygen = keygenDir();
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-at-rest-'));
});
afterAll(() => {
  keygen.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Stands in for the settings store the key list will live in: a JSON file in the same data directory. */
function jsonFileMetadata(path: string): KeyMetadataStore {
  const load = (): KeyMeta[] => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as KeyMeta[];
    } catch {
      return [];
    }
  };
  return { load, update: (change) => writeFileSync(path, JSON.stringify(change(load()), null, 2)) };
}

/** The secret itself and every way it could plausibly have been written down. */
function encodings(secret: Buffer): Buffer[] {
  const out = [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('base64url'))];
  // Base64 of a secret embedded in a larger buffer depends on its alignment; the middle of each of the three is fixed.
  for (const shift of [0, 1, 2]) {
    const base64 = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64');
    out.push(Buffer.from(base64.slice(4, -4)));
  }
  return out;
}

/** The base64 lines of a PEM body and the private scalar in every encoding. */
function keyMaterial(pemText: string): Buffer[] {
  const bodyLines = pemText.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
  const parsed = ssh2.utils.parseKey(pemText);
  if (parsed instanceof Error) throw parsed;
  const jwk = createPrivateKey(parsed.getPrivatePEM()).export({ format: 'jwk' });
  return [
    Buffer.from(pemText),
    ...bodyLines.map((line) => Buffer.from(line)),
    ...encodings(Buffer.from(String(jwk.d), 'base64url')),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function hitsUnder(dir: string, needles: Array<[string, Buffer]>): string[] {
  return filesUnder(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    return [...new Set(needles.filter(([, needle]) => bytes.includes(needle)).map(([what]) => `${what} in ${file}`))];
  });
}

describe('secrets at rest (acceptance)', () => {
  it('no file under the data directory holds a stored secret, raw or encoded', async () => {
    const logger = createFileLogger(dataDir);
    const vault = createVault({ dataDir });
    expect(await unlockFromEnv(vault, { CROSSDOCK_PASSPHRASE: PASSPHRASE }, logger)).toBe('initialized');

    const keys = new KeyStore({ vault, metadata: jsonFileMetadata(join(dataDir, 'ssh-keys.json')) });
    const rsa = keygen.generate('id_rsa', ['-t', 'rsa', '-b', '3072']);
    const guarded = keygen.generate('id_guarded', ['-t', 'ed25519'], KEY_PASSPHRASE);
    const rsaMeta = keys.importKey({ name: 'work laptop', privateKey: rsa.text });
    const guardedMeta = keys.importKey({ name: 'guarded', privateKey: guarded.text, passphrase: KEY_PASSPHRASE });
    const storedGuarded = keys.privateKey(guardedMeta.id).toString();

    vault.put('provider:aws:access-key-id', ACCESS_KEY_ID, { provider: 'aws' });
    vault.put('provider:aws:secret-access-key', SECRET_ACCESS_KEY, { provider: 'aws' });
    logger.addSecret(ACCESS_KEY_ID);
    logger.addSecret(SECRET_ACCESS_KEY);
    logger.log('info', `using ${ACCESS_KEY_ID} / ${SECRET_ACCESS_KEY} with ${PASSPHRASE}`, { key: rsa.text });

    await vault.changePassphrase(PASSPHRASE, 'a second vault passphrase');
    vault.lock();
    await vault.unlock('a second vault passphrase');
    expect(vault.get('provider:aws:secret-access-key').toString()).toBe(SECRET_ACCESS_KEY);
    expect(keys.privateKey(rsaMeta.id).length).toBeGreaterThan(0);

    const needles: Array<[string, Buffer]> = [
      ...encodings(Buffer.from(ACCESS_KEY_ID)).map((n) => ['access key id', n] as [string, Buffer]),
      ...encodings(Buffer.from(SECRET_ACCESS_KEY)).map((n) => ['secret access key', n] as [string, Buffer]),
      ...encodings(Buffer.from(PASSPHRASE)).map((n) => ['vault passphrase', n] as [string, Buffer]),
      ...encodings(Buffer.from('a second vault passphrase')).map(
        (n) => ['new vault passphrase', n] as [string, Buffer],
      ),
      ...encodings(Buffer.from(KEY_PASSPHRASE)).map((n) => ['key passphrase', n] as [string, Buffer]),
      ...keyMaterial(rsa.text).map((n) => ['RSA private key', n] as [string, Buffer]),
      ...keyMaterial(storedGuarded).map((n) => ['decrypted ed25519 key', n] as [string, Buffer]),
    ];
    expect(
      filesUnder(dataDir)
        .map((file) => file.slice(dataDir.length + 1))
        .sort(),
    ).toEqual(['logs/crossdock.log', 'ssh-keys.json', 'vault.json']);
    expect(hitsUnder(dataDir, needles)).toEqual([]);

    // The search itself must be able to find a leak, or zero hits proves nothing.
    const canary = mkdtempSync(join(tmpdir(), 'crossdock-canary-'));
    try {
      writeFileSync(
        join(canary, 'leak.json'),
        JSON.stringify({
          x: Buffer.from(`k=${SECRET_ACCESS_KEY}`).toString('base64'),
          y: storedGuarded.split('\n')[2],
        }),
      );
      expect(hitsUnder(canary, needles).map((hit) => hit.split(' in ')[0])).toEqual([
        'secret access key',
        'decrypted ed25519 key',
      ]);
    } finally {
      rmSync(canary, { recursive: true, force: true });
    }
  }, 30_000); // real scrypt at full cost four times, plus ssh-keygen's RSA and bcrypt
});
