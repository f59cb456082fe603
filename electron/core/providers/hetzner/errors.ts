import { CrossdockError } from '../../../../shared/errors.js';
import { HetznerApiError } from './client.js';

/**
 * Maps a failed Hetzner call to a CrossdockError by Hetzner's documented error code, so callers
 * can switch on a code. Anything else (a network failure, a bug) is rethrown untouched.
 */
export function toCrossdockError(error: unknown, providerName: string, what: string): unknown {
  if (error instanceof CrossdockError) return error;
  if (!(error instanceof HetznerApiError)) return error;
  const who = `Hetzner Cloud (${providerName})`;
  const details = { provider: providerName };
  switch (error.code) {
    case 'unauthorized':
    case 'forbidden':
    case 'token_readonly':
      return new CrossdockError(
        'PROVIDER_AUTH_FAILED',
        `${who} refused the API token: ${error.message}. Create a read & write token in the project's Security → API tokens`,
        details,
      );
    case 'not_found':
      return new CrossdockError('NOT_FOUND', `${who}: ${what} not found`, details);
    case 'uniqueness_error':
      return new CrossdockError('ALREADY_EXISTS', `${who}: ${what} already exists (${error.message})`, details);
    case 'invalid_input':
    case 'json_error':
      return new CrossdockError('INVALID_ARGUMENT', `${who} rejected ${what}: ${error.message}`, details);
    case 'resource_limit_exceeded':
    case 'resource_unavailable':
    case 'placement_error':
      return new CrossdockError('NO_SPACE', `${who} cannot provide ${what}: ${error.message}`, details);
    case 'rate_limit_exceeded':
      return new CrossdockError(
        'NO_SPACE',
        `${who} rate limit exceeded for ${what}; try again in ${error.retryAfterSeconds ?? 60} s`,
        details,
      );
    default:
      if (error.status === 401 || error.status === 403)
        return new CrossdockError('PROVIDER_AUTH_FAILED', `${who} refused the API token: ${error.message}`, details);
      if (error.status === 404) return new CrossdockError('NOT_FOUND', `${who}: ${what} not found`, details);
      return error;
  }
}
