import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEarlyDerivation } from './early-derivation.js';
import { createVault, type Vault } from './vault.js';

// The CLI's start-up: scrypt started before the vault module loads, and SSH logins that wait for
// an unlock under way (Vault.whenUnlocked) instead of failing with VAULT_LOCKED.
const FAST = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A vault made and locked again, as the CLI finds it, and a fresh object over its file. */
async function lockedVault(): Promise<Vault> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-vault-'));
  dirs.push(dataDir);
  const first = createVault({ dataDir, scrypt: FAST });
  await first.initialize(PASSPHRASE);
  first.put('s', 'value');
  first.lock();
  return createVault({ dataDir, scrypt: FAST });
}

describe('Vault.whenUnlocked', () => {
  it('waits for the unlock under way and then answers', async () => {
    const vault = await lockedVault();
    const unlocking = vault.unlock(PASSPHRASE);
    expect(vault.unlocking).toBe(true);
    let answered = false;
    const waiting = vault.whenUnlocked().then(() => (answered = true));
    expect(answered).toBe(false);
    await Promise.all([unlocking, waiting]);
    expect(vault.unlocking).toBe(false);
    expect(vault.get('s').toString()).toBe('value');
  });

  it('throws VAULT_LOCKED at once when no unlock is under way', async () => {
    const vault = await lockedVault();
    expect(vault.unlocking).toBe(false);
    await expect(vault.whenUnlocked()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('throws VAULT_LOCKED after a wrong passphrase, which the unlock itself reports', async () => {
    const vault = await lockedVault();
    const unlocking = vault.unlock('a wrong passphrase');
    const waiting = vault.whenUnlocked();
    await expect(unlocking).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(waiting).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });
});

describe('startEarlyDerivation', () => {
  it('derives the key the vault uses from the file’s own salt and cost', async () => {
    const vault = await lockedVault();
    const early = startEarlyDerivation(vault.path, PASSPHRASE);
    expect(early?.params).toEqual(FAST);
    await vault.unlock(PASSPHRASE, early);
    expect(vault.get('s').toString()).toBe('value');
  });

  it('is not trusted: a derivation for another salt is ignored and the vault derives again', async () => {
    const vault = await lockedVault();
    const early = startEarlyDerivation(vault.path, PASSPHRASE)!;
    await vault.unlock(PASSPHRASE, {
      ...early,
      salt: Buffer.alloc(16, 1).toString('base64'),
      key: Promise.resolve(Buffer.alloc(32)),
    });
    expect(vault.get('s').toString()).toBe('value');
  });

  it('with a wrong passphrase still ends in WRONG_PASSPHRASE', async () => {
    const vault = await lockedVault();
    await expect(
      vault.unlock('a wrong passphrase', startEarlyDerivation(vault.path, 'a wrong passphrase')),
    ).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('starts nothing without a passphrase, a file, or with cost fields out of bounds', async () => {
    const vault = await lockedVault();
    expect(startEarlyDerivation(vault.path, undefined)).toBeNull();
    expect(startEarlyDerivation(join(tmpdir(), 'no-such-crossdock-vault.json'), PASSPHRASE)).toBeNull();
    const file = JSON.parse(readFileSync(vault.path, 'utf8'));
    file.protection.kdf.N = 2 ** 30;
    writeFileSync(vault.path, JSON.stringify(file));
    expect(startEarlyDerivation(vault.path, PASSPHRASE)).toBeNull();
  });
});
