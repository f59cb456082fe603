import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../log/logger.js';
import { unlockFromEnv } from './unlock-from-env.js';
import { createVault, type Vault } from './vault.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function vaultIn(dataDir: string): Vault {
  return createVault({ dataDir, scrypt: { N: 2 ** 14, r: 8, p: 1 } });
}

function recordingLogger(): Logger & { secrets: string[] } {
  const secrets: string[] = [];
  return { secrets, log: () => undefined, addSecret: (secret) => void secrets.push(secret) };
}

describe('unlockFromEnv', () => {
  it('does nothing without CROSSDOCK_PASSPHRASE', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-env-'));
    dirs.push(dataDir);
    expect(await unlockFromEnv(vaultIn(dataDir), {})).toBe('not-set');
    expect(await unlockFromEnv(vaultIn(dataDir), { CROSSDOCK_PASSPHRASE: '' })).toBe('not-set');
  });

  it('creates the vault on first run, unlocks it later, and registers the passphrase for redaction', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-env-'));
    dirs.push(dataDir);
    const env = { CROSSDOCK_PASSPHRASE: 'from the environment' };
    const logger = recordingLogger();
    const first = vaultIn(dataDir);
    expect(await unlockFromEnv(first, env, logger)).toBe('initialized');
    expect(logger.secrets).toEqual(['from the environment']);
    first.put('token', 'value');
    expect(await unlockFromEnv(first, env)).toBe('already-unlocked');

    const second = vaultIn(dataDir);
    expect(await unlockFromEnv(second, env)).toBe('unlocked');
    expect(second.get('token').toString()).toBe('value');
  });

  it('a wrong or too-short passphrase fails loudly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crossdock-env-'));
    dirs.push(dataDir);
    await expect(unlockFromEnv(vaultIn(dataDir), { CROSSDOCK_PASSPHRASE: 'short' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await vaultIn(dataDir).initialize('the right passphrase');
    const vault = vaultIn(dataDir);
    await expect(unlockFromEnv(vault, { CROSSDOCK_PASSPHRASE: 'the wrong passphrase' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(vault.status().unlocked).toBe(false);
  });
});
