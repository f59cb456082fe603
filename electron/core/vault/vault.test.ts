import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/errors.js';
import type { KeyWrapper } from './key-wrapper.js';
import { createVault, type Vault, type VaultOptions } from './vault.js';
import type { VaultFile } from './vault-file.js';

// Real scrypt, at its lowest accepted cost so the suite stays fast; passphrase-kdf.test.ts times the default.
const FAST = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossdock-vault-'));
  dirs.push(dir);
  return dir;
}

function vaultIn(dataDir: string, options: Partial<VaultOptions> = {}): Vault {
  return createVault({ dataDir, scrypt: FAST, ...options });
}

async function newVault(options: Partial<VaultOptions> = {}): Promise<Vault> {
  const vault = vaultIn(tempDir(), options);
  await vault.initialize(PASSPHRASE);
  return vault;
}

function readFile(vault: Vault): VaultFile {
  return JSON.parse(readFileSync(vault.path, 'utf8')) as VaultFile;
}

function writeFile(vault: Vault, file: VaultFile): void {
  writeFileSync(vault.path, JSON.stringify(file));
}

/** Runs `fn` and returns the CrossdockError it throws (or fails the test). */
async function failure(fn: () => unknown): Promise<CrossdockError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CrossdockError);
    return error as CrossdockError;
  }
  throw new Error('expected a CrossdockError');
}

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('vault', () => {
  it('reports an empty directory as not set up and writes nothing until initialised', () => {
    const dataDir = tempDir();
    const vault = vaultIn(dataDir);
    expect(vault.status()).toEqual({
      initialized: false,
      unlocked: false,
      protection: null,
      secretCount: 0,
      keychainAvailable: false,
    });
    expect(vault.list()).toEqual([]);
    expect(vault.has('anything')).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('unlocking a vault that does not exist says so with its own code (a client offers to create it)', async () => {
    const vault = vaultIn(tempDir());
    expect((await failure(() => vault.unlock(PASSPHRASE))).code).toBe('VAULT_NOT_INITIALIZED');
    expect((await failure(() => vault.changePassphrase(PASSPHRASE, 'another passphrase'))).code).toBe(
      'VAULT_NOT_INITIALIZED',
    );
    expect((await failure(() => vault.put('a', 'x'))).code).toBe('VAULT_LOCKED');
  });

  it('round-trips strings and bytes with metadata, also through a second instance after unlock', async () => {
    const vault = await newVault();
    const bytes = randomBytes(100);
    vault.put('provider:hetzner:token', 'tok-123', { kind: 'api-token', provider: 'hetzner' });
    vault.put('blob', bytes);
    expect(vault.get('provider:hetzner:token').toString('utf8')).toBe('tok-123');
    expect(vault.get('blob').equals(bytes)).toBe(true);
    expect(vault.status()).toEqual({
      initialized: true,
      unlocked: true,
      protection: 'passphrase',
      secretCount: 2,
      keychainAvailable: false,
    });
    expect(vault.list().map(({ id, meta }) => ({ id, meta }))).toEqual([
      { id: 'blob', meta: {} },
      { id: 'provider:hetzner:token', meta: { kind: 'api-token', provider: 'hetzner' } },
    ]);

    const second = vaultIn(join(vault.path, '..'));
    expect(second.status()).toMatchObject({ initialized: true, unlocked: false, secretCount: 2 });
    await second.unlock(PASSPHRASE);
    expect(second.get('blob').equals(bytes)).toBe(true);
  });

  it('replacing a secret keeps its creation time; delete reports whether it existed', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const vault = await newVault({ now: () => new Date(clock) });
    vault.put('a', 'one');
    clock += 60_000;
    vault.put('a', 'two');
    expect(vault.get('a').toString()).toBe('two');
    expect(vault.list()[0]).toMatchObject({
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:01:00.000Z',
    });
    expect(vault.delete('a')).toBe(true);
    expect(vault.delete('a')).toBe(false);
    expect((await failure(() => vault.get('a'))).code).toBe('NOT_FOUND');
  });

  it('announces each change with the new status (secret count, locked), and nothing for a no-op', async () => {
    const vault = vaultIn(tempDir());
    const seen: string[] = [];
    const stop = vault.onChange((s) =>
      seen.push(`${s.initialized ? 'set' : 'none'} ${s.unlocked ? 'open' : 'locked'} ${s.secretCount}`),
    );
    await vault.initialize(PASSPHRASE);
    vault.put('ssh-key:a', 'one');
    vault.put('ssh-key:b', 'two');
    expect(vault.delete('missing')).toBe(false);
    vault.delete('ssh-key:a');
    vault.lock();
    vault.lock();
    await vault.unlock(PASSPHRASE);
    await vault.changePassphrase(PASSPHRASE, `${PASSPHRASE} 2`);
    stop();
    vault.put('ssh-key:c', 'three');
    expect(seen).toEqual([
      'set open 0',
      'set open 1',
      'set open 2',
      'set open 1',
      'set locked 1',
      'set open 1',
      'set open 1',
    ]);
  });

  it('a wrong passphrase is WRONG_PASSPHRASE and the vault stays locked', async () => {
    const vault = await newVault();
    vault.put('a', 'secret');
    vault.lock();
    const error = await failure(() => vault.unlock('not the passphrase'));
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(vault.status().unlocked).toBe(false);
    expect((await failure(() => vault.get('a'))).code).toBe('VAULT_LOCKED');
  });

  it('every secret operation while locked is VAULT_LOCKED and says how to unlock', async () => {
    const vault = await newVault();
    vault.put('a', 'secret', { kind: 'x' });
    vault.lock();
    for (const operation of [() => vault.get('a'), () => vault.put('b', 'v'), () => vault.delete('a')]) {
      const error = await failure(operation);
      expect(error.code).toBe('VAULT_LOCKED');
      expect(error.message).toMatch(/passphrase in the Crossdock app/);
      expect(error.message).toMatch(/CROSSDOCK_PASSPHRASE/);
    }
    // Nothing secret is needed to know which credentials exist.
    expect(vault.has('a')).toBe(true);
    expect(vault.list().map((entry) => entry.id)).toEqual(['a']);

    const uninitialised = await failure(() => vaultIn(tempDir()).get('a'));
    expect(uninitialised).toMatchObject({ code: 'VAULT_LOCKED', details: { initialized: false } });
    expect(uninitialised.message).toMatch(/not set up/);
  });

  it('changing the passphrase re-wraps the data key only; then only the new one unlocks', async () => {
    const vault = await newVault();
    vault.put('a', 'alpha');
    vault.put('b', 'beta');
    const before = readFile(vault);
    const next = 'a different passphrase';

    expect((await failure(() => vault.changePassphrase('wrong passphrase', next))).code).toBe('WRONG_PASSPHRASE');
    expect(readFile(vault)).toEqual(before);

    await vault.changePassphrase(PASSPHRASE, next);
    const after = readFile(vault);
    expect(after.secrets).toEqual(before.secrets);
    expect(after.keyCheck).toEqual(before.keyCheck);
    if (after.protection.kind !== 'passphrase' || before.protection.kind !== 'passphrase')
      throw new Error('expected passphrase protection');
    expect(after.protection.kdf.salt).not.toBe(before.protection.kdf.salt);

    vault.lock();
    expect((await failure(() => vault.unlock(PASSPHRASE))).code).toBe('WRONG_PASSPHRASE');
    await vault.unlock(next);
    expect(vault.get('a').toString()).toBe('alpha');
  });

  it('two passphrase changes at once: one wins, the other is refused rather than overwriting it', async () => {
    const first = await newVault();
    first.put('a', 'alpha');
    const second = vaultIn(join(first.path, '..'));
    const outcomes = await Promise.allSettled([
      first.changePassphrase(PASSPHRASE, 'first new passphrase'),
      second.changePassphrase(PASSPHRASE, 'second new passphrase'),
    ]);
    const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    const lost = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(lost?.reason).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('changed by another Crossdock process'),
    });
    const reader = vaultIn(join(first.path, '..'));
    await reader.unlock(won[0] === 0 ? 'first new passphrase' : 'second new passphrase');
    expect(reader.get('a').toString()).toBe('alpha');
  });

  it('refuses short passphrases with INVALID_ARGUMENT, never echoing them', async () => {
    const vault = vaultIn(tempDir());
    const error = await failure(() => vault.initialize('short7!'));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { minLength: 8 } });
    expect(error.message).not.toContain('short7!');
    expect(vault.status().initialized).toBe(false);

    await vault.initialize(PASSPHRASE);
    expect((await failure(() => vault.changePassphrase(PASSPHRASE, 'tiny'))).code).toBe('INVALID_ARGUMENT');
    expect((await failure(() => vault.initialize(PASSPHRASE))).code).toBe('ALREADY_EXISTS');
  });

  it('tampered ciphertext or tag is an error, never garbage; a tampered wrapped key cannot unlock', async () => {
    const vault = await newVault();
    vault.put('a', 'the real value');
    const original = readFile(vault);
    const box = original.secrets.a!.box;

    for (const tampered of [
      { ...box, data: flipFirstByte(box.data) },
      { ...box, tag: flipFirstByte(box.tag) },
      { ...box, tag: box.tag.slice(0, 8) },
    ]) {
      writeFile(vault, { ...original, secrets: { a: { ...original.secrets.a!, box: tampered } } });
      expect(await failure(() => vault.get('a'))).toMatchObject({ code: 'VAULT_DAMAGED', details: { id: 'a' } });
    }

    if (original.protection.kind !== 'passphrase') throw new Error('expected passphrase protection');
    const wrappedKey = { ...original.protection.wrappedKey, data: flipFirstByte(original.protection.wrappedKey.data) };
    writeFile(vault, { ...original, protection: { ...original.protection, wrappedKey } });
    vault.lock();
    expect((await failure(() => vault.unlock(PASSPHRASE))).code).toBe('WRONG_PASSPHRASE');
  });

  it('a ciphertext moved to another id does not open there (the id is the AAD)', async () => {
    const vault = await newVault();
    vault.put('server-a', 'password of a');
    vault.put('server-b', 'password of b');
    const file = readFile(vault);
    file.secrets['server-b']!.box = file.secrets['server-a']!.box;
    writeFile(vault, file);
    expect((await failure(() => vault.get('server-b'))).code).toBe('VAULT_DAMAGED');
    expect(vault.get('server-a').toString()).toBe('password of a');
  });

  it('writes the file with mode 0600 and leaves no temporary files behind', async () => {
    const vault = await newVault();
    vault.put('a', 'x');
    await vault.changePassphrase(PASSPHRASE, 'another passphrase');
    if (process.platform !== 'win32') expect(statSync(vault.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(vault.path, '..'))).toEqual(['vault.json']);
  });

  it('a damaged file is reported, not treated as an empty vault', async () => {
    const vault = await newVault();
    writeFileSync(vault.path, '{"format":"crossdock-vault","version":1');
    expect(await failure(() => vault.status())).toMatchObject({ code: 'VAULT_DAMAGED', details: { path: vault.path } });
    expect((await failure(() => vault.initialize(PASSPHRASE))).code).toBe('VAULT_DAMAGED');
  });

  it('rejects ids outside the safe alphabet and never reads inherited properties', async () => {
    const vault = await newVault();
    for (const id of ['', '__proto__', 'has space', 'x'.repeat(201)]) {
      expect((await failure(() => vault.put(id, 'v'))).code).toBe('INVALID_ARGUMENT');
    }
    expect(vault.has('constructor')).toBe(false);
    expect((await failure(() => vault.get('constructor'))).code).toBe('NOT_FOUND');
  });

  it('two instances over one file (window and CLI) see each other, across a passphrase change', async () => {
    const dataDir = tempDir();
    const window = vaultIn(dataDir);
    await window.initialize(PASSPHRASE);
    const cli = vaultIn(dataDir);
    await cli.unlock(PASSPHRASE);
    window.put('from-window', 'w');
    await window.changePassphrase(PASSPHRASE, 'the new passphrase');
    cli.put('from-cli', 'c');
    expect(window.get('from-cli').toString()).toBe('c');
    window.lock();
    await window.unlock('the new passphrase');
    expect(window.get('from-window').toString()).toBe('w');
  });
});

/** Stands in for Electron's safeStorage: a key that lives only in this process. */
function fakeKeychain(): KeyWrapper {
  const key = randomBytes(32);
  return {
    kind: 'keychain',
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decrypt(wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    },
  };
}

describe('vault protected by the system keychain', () => {
  it('initialises, locks and unlocks through the wrapper without any passphrase', () => {
    const dataDir = tempDir();
    const keychain = fakeKeychain();
    const vault = vaultIn(dataDir, { keyWrapper: keychain });
    vault.initializeWithKeychain();
    vault.put('a', 'value');
    vault.lock();
    expect(vault.status()).toEqual({
      initialized: true,
      unlocked: false,
      protection: 'keychain',
      secretCount: 1,
      keychainAvailable: true,
    });
    vault.unlockWithKeychain();
    expect(vault.get('a').toString()).toBe('value');
    expect(vaultIn(dataDir, { keyWrapper: keychain }).status().unlocked).toBe(false);
  });

  it('refuses a passphrase for a keychain vault and a keychain for a passphrase vault', async () => {
    const keychain = fakeKeychain();
    const vault = vaultIn(tempDir(), { keyWrapper: keychain });
    vault.initializeWithKeychain();
    expect((await failure(() => vault.unlock(PASSPHRASE))).code).toBe('FAILED_PRECONDITION');
    expect((await failure(() => vault.changePassphrase(PASSPHRASE, 'whatever else'))).code).toBe('FAILED_PRECONDITION');

    const passphraseVault = await newVault({ keyWrapper: keychain });
    expect((await failure(() => passphraseVault.unlockWithKeychain())).code).toBe('FAILED_PRECONDITION');
  });

  it('never accepts a wrapper that is not a keychain (safeStorage basic_text), nor a missing one', async () => {
    const basicText = {
      kind: 'basic_text',
      encrypt: (b: Buffer) => b,
      decrypt: (b: Buffer) => b,
    } as unknown as KeyWrapper;
    expect((await failure(() => vaultIn(tempDir(), { keyWrapper: basicText }).initializeWithKeychain())).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect((await failure(() => vaultIn(tempDir()).initializeWithKeychain())).code).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('a keychain that returns the wrong key or fails leaves the vault locked with a generic error', async () => {
    const dataDir = tempDir();
    const keychain = fakeKeychain();
    vaultIn(dataDir, { keyWrapper: keychain }).initializeWithKeychain();

    const lying: KeyWrapper = { ...keychain, decrypt: () => randomBytes(32) };
    const failing: KeyWrapper = {
      ...keychain,
      decrypt: () => {
        throw new Error('item "Crossdock Safe Storage" not found');
      },
    };
    for (const keyWrapper of [lying, failing]) {
      const vault = vaultIn(dataDir, { keyWrapper });
      const error = await failure(() => vault.unlockWithKeychain());
      expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(error.message).not.toContain('Safe Storage');
      expect(vault.status().unlocked).toBe(false);
    }

    // A keychain that cannot give the key back is found before any secret depends on it.
    const broken = vaultIn(tempDir(), { keyWrapper: lying });
    expect((await failure(() => broken.initializeWithKeychain())).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(broken.status().initialized).toBe(false);
  });
});
