import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/errors.js';
import { createVault, type Vault } from '../vault/vault.js';
import { createMemoryKeyMetadataStore, KeyStore, keySecretId, type KeyMetadataStore } from './key-store.js';
import { keygenDir, type KeygenDir, type KeygenKey } from './ssh-keygen-fixture.js';

const PASSPHRASE = 'correct horse battery staple';
let keygen: KeygenDir;
let plainKey: KeygenKey;
let encryptedKey: KeygenKey;
let dataDir: string;
let vault: Vault;
let metadata: KeyMetadataStore;
let store: KeyStore;

beforeAll(() => {
  keygen = keygenDir();
  plainKey = keygen.generate('laptop', ['-t', 'ed25519']);
  encryptedKey = keygen.generate('guarded', ['-t', 'ecdsa', '-b', '256'], 'secret');
});
afterAll(() => keygen.dispose());

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crossdock-keystore-'));
  vault = createVault({ dataDir, scrypt: { N: 2 ** 14, r: 8, p: 1 } });
  await vault.initialize(PASSPHRASE);
  metadata = createMemoryKeyMetadataStore();
  store = new KeyStore({ vault, metadata, now: () => new Date('2025-06-01T12:00:00Z') });
  return () => rmSync(dataDir, { recursive: true, force: true });
});

function failure(fn: () => unknown): CrossdockError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CrossdockError);
    return error as CrossdockError;
  }
  throw new Error('expected a CrossdockError');
}

describe('KeyStore', () => {
  it('imports and generates keys; the list carries public facts only', () => {
    const imported = store.importKey({ name: 'Laptop', privateKey: plainKey.text });
    const guarded = store.importKey({ name: 'Guarded', privateKey: encryptedKey.text, passphrase: 'secret' });
    const generated = store.generateKey({ name: 'crossdock-deploy' });

    expect(imported).toMatchObject({
      name: 'Laptop',
      type: 'ssh-ed25519',
      fingerprint: plainKey.fingerprint,
      publicKey: plainKey.publicLine,
      createdAt: '2025-06-01T12:00:00.000Z',
    });
    expect(guarded).toMatchObject({ type: 'ecdsa-sha2-nistp256', fingerprint: encryptedKey.fingerprint });
    expect(generated.publicKey).toMatch(/^ssh-ed25519 \S+ crossdock-deploy$/);
    expect(store.list().map((key) => key.name)).toEqual(['Laptop', 'Guarded', 'crossdock-deploy']);
    expect(Object.keys(store.list()[0]!).sort()).toEqual([
      'createdAt',
      'fingerprint',
      'id',
      'name',
      'publicKey',
      'type',
    ]);
    expect(JSON.stringify(store.list())).not.toMatch(/PRIVATE KEY/);
    expect(
      vault
        .list()
        .map((entry) => entry.id)
        .sort(),
    ).toEqual([imported, guarded, generated].map((key) => keySecretId(key.id)).sort());
  });

  it('hands the SSH layer a private key that ssh2 reads without any passphrase', () => {
    const guarded = store.importKey({ name: 'Guarded', privateKey: encryptedKey.text, passphrase: 'secret' });
    const parsed = ssh2.utils.parseKey(store.privateKey(guarded.id));
    if (parsed instanceof Error) throw parsed;
    expect(parsed.type).toBe('ecdsa-sha2-nistp256');
    expect(failure(() => store.privateKey('nope')).code).toBe('NOT_FOUND');
  });

  it('refuses a different key under a taken name (any case)', () => {
    const first = store.importKey({ name: 'Laptop', privateKey: plainKey.text });
    expect(failure(() => store.generateKey({ name: ' laptop ' }))).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { id: first.id },
    });
    const clash = failure(() =>
      store.importKey({ name: 'LAPTOP', privateKey: encryptedKey.text, passphrase: 'secret' }),
    );
    expect(clash).toMatchObject({ code: 'ALREADY_EXISTS', details: { name: 'Laptop' } });
    expect(store.list()).toHaveLength(1);
    expect(vault.list()).toHaveLength(1);
  });

  it('importing a key that is already stored returns it, without its passphrase and even while locked', () => {
    const stored = store.importKey({ name: 'guarded', path: encryptedKey.path, passphrase: 'secret' });
    expect(store.importKey({ name: 'other name', privateKey: encryptedKey.text, passphrase: 'secret' })).toEqual(
      stored,
    );
    vault.lock();
    expect(store.importKey({ name: 'guarded', path: encryptedKey.path })).toEqual(stored);
    expect(store.list()).toHaveLength(1);
  });

  it('reads the key from a path, naming the file in errors', () => {
    expect(store.importKey({ name: 'from-file', path: plainKey.path }).fingerprint).toBe(plainKey.fingerprint);
    const missing = failure(() => store.importKey({ name: 'x', path: `${plainKey.path}.missing` }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', details: { path: `${plainKey.path}.missing` } });
    const encrypted = failure(() => store.importKey({ name: 'y', path: encryptedKey.path }));
    expect(encrypted.code).toBe('KEY_PASSPHRASE_REQUIRED');
    expect(encrypted.message).toContain(encryptedKey.path);
    expect(failure(() => store.importKey({ name: 'z' })).code).toBe('INVALID_ARGUMENT');
    expect(failure(() => store.importKey({ name: 'z', path: plainKey.path, privateKey: plainKey.text })).code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('checks names and passes the key errors through', () => {
    for (const name of ['', '   ', 'x'.repeat(101), 'tab\tname']) {
      expect(failure(() => store.generateKey({ name })).code).toBe('INVALID_ARGUMENT');
    }
    expect(failure(() => store.importKey({ name: 'Guarded', privateKey: encryptedKey.text })).code).toBe(
      'KEY_PASSPHRASE_REQUIRED',
    );
    expect(
      failure(() => store.importKey({ name: 'Guarded', privateKey: encryptedKey.text, passphrase: 'nope' })).code,
    ).toBe('KEY_INVALID');
    expect(store.list()).toEqual([]);
  });

  it('asks for the vault before the key passphrase when locked; listing still works', () => {
    store.generateKey({ name: 'existing' });
    vault.lock();
    expect(failure(() => store.importKey({ name: 'Guarded', privateKey: encryptedKey.text })).code).toBe(
      'VAULT_LOCKED',
    );
    expect(failure(() => store.generateKey({ name: 'new' })).code).toBe('VAULT_LOCKED');
    expect(failure(() => store.privateKey(store.list()[0]!.id)).code).toBe('VAULT_LOCKED');
    expect(failure(() => store.remove(store.list()[0]!.id)).code).toBe('VAULT_LOCKED');
    expect(store.list().map((key) => key.name)).toEqual(['existing']);
  });

  it('removes the private half with the entry', () => {
    const key = store.generateKey({ name: 'temporary' });
    store.remove(key.id);
    expect(store.list()).toEqual([]);
    expect(vault.has(keySecretId(key.id))).toBe(false);
    expect(failure(() => store.remove(key.id)).code).toBe('NOT_FOUND');
    expect(failure(() => store.get(key.id)).code).toBe('NOT_FOUND');
  });

  it('takes the private half back out of the vault if the key list cannot be saved', () => {
    const failing = new KeyStore({
      vault,
      metadata: {
        load: () => [],
        update: () => {
          throw new Error('disk full');
        },
      },
    });
    expect(() => failing.generateKey({ name: 'doomed' })).toThrow('disk full');
    expect(vault.list()).toEqual([]);
  });
});
