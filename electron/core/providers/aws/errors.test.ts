import { describe, expect, it } from 'vitest';
import { CrossdockError } from '../../../../shared/errors.js';
import { toCrossdockError } from './errors.js';

const sdkError = (name: string, message = 'm') => Object.assign(new Error(message), { name });

describe('toCrossdockError', () => {
  it('names the provider when AWS refuses the credentials', () => {
    for (const name of [
      'AuthFailure',
      'UnrecognizedClientException',
      'InvalidClientTokenId',
      'InvalidSignatureException',
    ]) {
      const mapped = toCrossdockError(
        sdkError(name, 'AWS was not able to validate the provided access credentials'),
        'work',
      );
      expect(mapped).toBeInstanceOf(CrossdockError);
      expect(mapped).toMatchObject({
        code: 'PROVIDER_AUTH_FAILED',
        message: 'AWS (work) refused the credentials: AWS was not able to validate the provided access credentials',
      });
    }
  });

  it('maps expected failures to their codes and leaves the unexpected alone', () => {
    expect(toCrossdockError(sdkError('InvalidInstanceID.NotFound'), 'p')).toMatchObject({ code: 'NOT_FOUND' });
    expect(toCrossdockError(sdkError('InvalidParameterValue'), 'p')).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(toCrossdockError(sdkError('VcpuLimitExceeded'), 'p')).toMatchObject({ code: 'NO_SPACE' });
    expect(toCrossdockError(sdkError('IncorrectInstanceState'), 'p')).toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(toCrossdockError(sdkError('AbortError'), 'p')).toMatchObject({ code: 'CANCELLED' });
    const odd = sdkError('InternalError');
    expect(toCrossdockError(odd, 'p')).toBe(odd);
  });
});
