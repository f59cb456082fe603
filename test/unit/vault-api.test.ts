import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core.js';
import type { KeyWrapper } from '../../electron/core/vault/index.js';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) {
    await core.dispose();
    rmSync(core.dataDir, { recursive: true, force: true });
  }
});

function core(keyWrapper?: KeyWrapper): Core {
  const made = createCore({
    dataDir: mkdtempSync(join(tmpdir(), 'crossdock-vault-api-')),
    mode: 'test',
    ...(keyWrapper ? { keyWrapper } : {}),
  });
  cores.push(made);
  return made;
}

// Stands in for Electron's safeStorage (pure logic: the vault only needs encrypt/decrypt).
const xorKeychain: KeyWrapper = {
  kind: 'keychain',
  encrypt: (plain) => Buffer.from(plain.map((b) => b ^ 0x5a)),
  decrypt: (wrapped) => Buffer.from(wrapped.map((b) => b ^ 0x5a)),
};

describe('vault API', () => {
  it('creates, locks and unlocks a keychain-protected vault where a keychain is offered', async () => {
    const client = core(xorKeychain).connectInProcess();
    expect(await client.api.vault.status({})).toMatchObject({ initialized: false, keychainAvailable: true });
    expect(await client.api.vault.initializeWithKeychain({})).toMatchObject({
      initialized: true,
      unlocked: true,
      protection: 'keychain',
    });
    expect(await client.api.vault.lock({})).toMatchObject({ unlocked: false });
    await expect(client.api.keys.generate({ name: 'k' })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(await client.api.vault.unlockWithKeychain({})).toMatchObject({ unlocked: true });
    expect((await client.api.keys.generate({ name: 'k' })).type).toBe('ssh-ed25519');
  });

  it('announces vault.changed to subscribed clients when a key is generated (no polling, no relock)', async () => {
    const client = core(xorKeychain).connectInProcess();
    await client.api.vault.initializeWithKeychain({});
    const seen: number[] = [];
    const subscription = client.subscribe('vault.changed', (status) => seen.push(status.secretCount));
    await subscription.ready;
    await client.api.keys.generate({ name: 'k' });
    await expect.poll(() => seen.at(-1)).toBe(1);
    expect((await client.api.vault.status({})).secretCount).toBe(1);
  });

  it('refuses keychain protection where there is no keychain (the CLI, web mode, basic_text)', async () => {
    const client = core().connectInProcess();
    expect((await client.api.vault.status({})).keychainAvailable).toBe(false);
    await expect(client.api.vault.initializeWithKeychain({})).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect((await client.api.vault.status({})).initialized).toBe(false);
  });

  it('never returns secret material: status and key listings hold only public facts', async () => {
    const client = core().connectInProcess();
    await client.api.vault.initialize({ passphrase: 'a long enough passphrase' });
    const key = await client.api.keys.generate({ name: 'deploy' });
    const everything = JSON.stringify([await client.api.vault.status({}), await client.api.keys.list({}), key]);
    expect(everything).not.toMatch(/PRIVATE KEY|a long enough passphrase/);
    expect(key.publicKey).toMatch(/^ssh-ed25519 \S+ deploy$/);
  });
});
