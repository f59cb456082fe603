import { describe, expect, it } from 'vitest';
import { replacesSecret, secretNameProblem, validateSecretForm } from './secret-form.js';

describe('secretNameProblem', () => {
  it('takes the names compose files use', () => {
    for (const name of ['db_password', 'API.token-2', '0key', 'A']) expect(secretNameProblem(name)).toBeNull();
    expect(secretNameProblem('  db_password  ')).toBeNull();
  });

  it('says what to fix, in words', () => {
    expect(secretNameProblem('')).toBe('Give the secret a name, as the compose file’s secrets: refers to it.');
    expect(secretNameProblem('   ')).toBe('Give the secret a name, as the compose file’s secrets: refers to it.');
    expect(secretNameProblem('db password')).toBe(
      'Use letters, digits, ".", "_" or "-" only (no spaces), e.g. db_password.',
    );
    expect(secretNameProblem('db/password')).toBe(
      'Use letters, digits, ".", "_" or "-" only (no spaces), e.g. db_password.',
    );
    expect(secretNameProblem('_hidden')).toBe('Start the name with a letter or a digit.');
    expect(secretNameProblem('.env')).toBe('Start the name with a letter or a digit.');
    expect(secretNameProblem('x'.repeat(101))).toBe('That name is 101 characters long; use at most 100.');
    expect(secretNameProblem('x'.repeat(100))).toBeNull();
  });
});

describe('validateSecretForm', () => {
  it('builds the arguments: the name trimmed, the value exactly as typed', () => {
    expect(validateSecretForm({ name: ' db_password ', value: ' s3cret with spaces ' })).toEqual({
      args: { name: 'db_password', value: ' s3cret with spaces ' },
    });
  });

  it('reports every field at once and sends nothing', () => {
    expect(validateSecretForm({ name: 'bad name', value: '' })).toEqual({
      problems: {
        name: 'Use letters, digits, ".", "_" or "-" only (no spaces), e.g. db_password.',
        value: 'Type the value to store.',
      },
    });
  });

  it('refuses a value over the contract’s 512 KiB, counted in UTF-8 bytes', () => {
    expect(validateSecretForm({ name: 'big', value: 'a'.repeat(512 * 1024) })).toHaveProperty('args');
    expect(validateSecretForm({ name: 'big', value: 'é'.repeat(256 * 1024 + 1) })).toEqual({
      problems: { value: 'That value is larger than 512 KB; a secret is a password, a token or a key.' },
    });
  });
});

describe('replacesSecret', () => {
  const stored = [{ name: 'db_password' }, { name: 'api_token' }];
  it('is true for a stored name, as trimmed', () => {
    expect(replacesSecret(' db_password', stored)).toBe(true);
    expect(replacesSecret('DB_PASSWORD', stored)).toBe(false);
    expect(replacesSecret('', stored)).toBe(false);
    expect(replacesSecret('new_one', stored)).toBe(false);
  });
});
