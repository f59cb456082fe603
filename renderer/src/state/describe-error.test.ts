import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../shared/index.js';
import { describeError } from './describe-error.js';

describe('describeError', () => {
  it('keeps the message and code of an error from the core', () => {
    const error = new CrossdockError('FAILED_PRECONDITION', 'The job has already ended', { id: 'x' });
    expect(describeError(error)).toEqual({ message: 'The job has already ended', code: 'FAILED_PRECONDITION' });
  });

  it('keeps the codes that name a precondition of their own', () => {
    for (const code of [
      'ALREADY_RUNNING',
      'VAULT_NOT_INITIALIZED',
      'VAULT_DAMAGED',
      'KEYCHAIN_UNAVAILABLE',
      'SUDO_PASSWORD_REQUIRED',
      'CONTAINER_UNHEALTHY',
    ] as const) {
      expect(describeError({ code, message: 'm', details: {} })).toEqual({ message: 'm', code });
    }
  });

  it('recognises a wire error that is a plain object', () => {
    expect(describeError({ code: 'NOT_FOUND', message: 'No job x', details: {} })).toEqual({
      message: 'No job x',
      code: 'NOT_FOUND',
    });
  });

  it('does not trust a code outside the closed list', () => {
    expect(describeError({ code: 'EACCES', message: 'permission denied' })).toEqual({
      message: 'permission denied',
      code: null,
    });
  });

  it('uses the message of an ordinary Error', () => {
    expect(describeError(new TypeError('x is undefined'))).toEqual({ message: 'x is undefined', code: null });
  });

  it('never shows a raw object, whatever was thrown', () => {
    for (const thrown of [{ secret: 'k' }, null, undefined, 42, '', { message: '' }]) {
      const { message } = describeError(thrown);
      expect(message).toBe('Something went wrong in the Crossdock window.');
    }
  });

  it('gives a core error without a message a sentence anyway', () => {
    expect(describeError({ code: 'INTERNAL', message: '' }).message).toBe('The Crossdock core reported an error.');
  });
});
