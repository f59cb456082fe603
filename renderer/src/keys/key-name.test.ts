import { describe, expect, it } from 'vitest';
import { authorizeCommand, keyNameFromFile, keyNameProblem, uniqueKeyName } from './key-name.js';

describe('keyNameFromFile', () => {
  it('keeps the file name without its directory', () => {
    expect(keyNameFromFile('/home/me/.ssh/id_ed25519')).toBe('id_ed25519');
    expect(keyNameFromFile('C:\\Users\\me\\.ssh\\id_rsa')).toBe('id_rsa');
  });

  it('drops key-file extensions and replaces characters a name may not hold', () => {
    expect(keyNameFromFile('deploy key (prod).pem')).toBe('deploy-key-prod');
    expect(keyNameFromFile('me@laptop.key')).toBe('me@laptop');
  });
});

describe('uniqueKeyName', () => {
  it('numbers a name that is taken', () => {
    expect(uniqueKeyName('crossdock', [])).toBe('crossdock');
    expect(uniqueKeyName('crossdock', ['crossdock', 'crossdock-2'])).toBe('crossdock-3');
  });
});

describe('keyNameProblem', () => {
  it('accepts what the core accepts and explains the rest', () => {
    expect(keyNameProblem('deploy_2025.ed25519@ci')).toBeNull();
    expect(keyNameProblem('  ')).toBe('Give the key a name.');
    expect(keyNameProblem('has space')).toMatch(/letters, digits/);
  });
});

describe('authorizeCommand', () => {
  it('appends the key to authorized_keys, quoting it for the shell', () => {
    const command = authorizeCommand("ssh-ed25519 AAAAC3Nz it's-me\n");
    expect(command).toContain(`echo 'ssh-ed25519 AAAAC3Nz it'\\''s-me' >> ~/.ssh/authorized_keys`);
  });
});
