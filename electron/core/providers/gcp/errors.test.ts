import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../../shared/errors.js';
import { httpStatusOf, toCrossdockError } from './errors.js';

/** A stand-in for GaxiosError: an Error with the HTTP status as `code` (REST fallback). */
function gaxios(code: number, message = 'Request had invalid authentication credentials.'): Error {
  return Object.assign(new Error(message), { code, status: code });
}

describe('toCrossdockError', () => {
  it('maps 401 and 403 to PROVIDER_AUTH_FAILED naming the provider', () => {
    for (const code of [401, 403]) {
      const mapped = toCrossdockError(gaxios(code), 'work', 'zone list');
      expect(mapped).toBeInstanceOf(CrossdockError);
      expect(mapped).toMatchObject({
        code: 'PROVIDER_AUTH_FAILED',
        message: expect.stringMatching(/^Google Cloud \(work\) refused the credentials: Request had/),
      });
    }
  });

  it('maps 404, 409 and 400 to NOT_FOUND, ALREADY_EXISTS and INVALID_ARGUMENT', () => {
    expect(toCrossdockError(gaxios(404), 'p', 'instance web')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Google Cloud (p): instance web not found',
    });
    expect(toCrossdockError(gaxios(409), 'p', 'instance web')).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(toCrossdockError(gaxios(400, 'bad machine type'), 'p', 'instance web')).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('bad machine type'),
    });
  });

  it('passes unexpected failures through untouched', () => {
    const boom = gaxios(500);
    expect(toCrossdockError(boom, 'p', 'x')).toBe(boom);
    const plain = new TypeError('bug');
    expect(toCrossdockError(plain, 'p', 'x')).toBe(plain);
  });

  it('reads the status from code or status', () => {
    expect(httpStatusOf({ status: 404 })).toBe(404);
    expect(httpStatusOf({ code: 'ECONNREFUSED' })).toBeNull();
    expect(httpStatusOf(null)).toBeNull();
  });
});
