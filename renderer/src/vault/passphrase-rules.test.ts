import { describe, expect, it } from 'vitest';
import { describeVault, newPassphraseProblem } from './passphrase-rules.js';

describe('newPassphraseProblem', () => {
  it('asks for at least eight characters, counting characters rather than UTF-16 units', () => {
    expect(newPassphraseProblem('short', 'short')).toMatchObject({ field: 'passphrase' });
    expect(newPassphraseProblem('🔑🔑🔑🔑', '🔑🔑🔑🔑')).toMatchObject({ field: 'passphrase' });
    expect(newPassphraseProblem('eight ch', 'eight ch')).toBeNull();
  });

  it('refuses a passphrase of spaces', () => {
    expect(newPassphraseProblem('          ', '          ')).toMatchObject({ field: 'passphrase' });
  });

  it('points at the second field when the two differ', () => {
    expect(newPassphraseProblem('correct horse', 'correct hosre')).toEqual({
      field: 'again',
      message: 'The two passphrases are not the same.',
    });
  });
});

describe('describeVault', () => {
  it('says the vault is not set up before it is created', () => {
    expect(
      describeVault({
        initialized: false,
        unlocked: false,
        protection: null,
        secretCount: 0,
        keychainAvailable: false,
      }),
    ).toMatchObject({ label: 'Not set up', tone: 'warn' });
  });

  it('counts secrets and names the protection', () => {
    expect(
      describeVault({
        initialized: true,
        unlocked: true,
        protection: 'passphrase',
        secretCount: 1,
        keychainAvailable: false,
      }),
    ).toEqual({
      label: 'Unlocked',
      tone: 'ok',
      detail: '1 secret, protected by your passphrase.',
    });
    expect(
      describeVault({
        initialized: true,
        unlocked: false,
        protection: 'keychain',
        secretCount: 3,
        keychainAvailable: false,
      }).detail,
    ).toContain('3 secrets, protected by the system keychain');
  });

  it('waits for the core before saying anything', () => {
    expect(describeVault(null).label).toBe('Unknown');
  });
});
