import { CrossdockError } from '../../../../shared/errors.js';
import { DigitalOceanApiError } from './client.js';

/**
 * Maps a failed DigitalOcean call to a CrossdockError by its documented error id, so callers can
 * switch on a code. Anything else (a network failure, a bug, an outage) is rethrown untouched.
 */
export function toCrossdockError(error: unknown, providerName: string, what: string): unknown {
  if (error instanceof CrossdockError) return error;
  if (!(error instanceof DigitalOceanApiError)) return error;
  const who = `DigitalOcean (${providerName})`;
  const details = { provider: providerName };
  switch (error.id) {
    case 'unauthorized':
    case 'forbidden':
      return new CrossdockError(
        'PROVIDER_AUTH_FAILED',
        `${who} refused the API token: ${error.message}. Create a token with read and write scopes under API → Tokens in the control panel`,
        details,
      );
    case 'not_found':
      return new CrossdockError('NOT_FOUND', `${who}: ${what} not found`, details);
    case 'conflict':
      return new CrossdockError('ALREADY_EXISTS', `${who}: ${what} already exists (${error.message})`, details);
    case 'too_many_requests':
      return new CrossdockError(
        'NO_SPACE',
        `${who} rate limit exceeded for ${what}; try again in ${error.retryAfterSeconds ?? 60} s`,
        details,
      );
    case 'unprocessable_entity':
    case 'bad_request':
      // The account's droplet limit comes back as a 422 whose message names the limit.
      if (/\blimit\b/i.test(error.message))
        return new CrossdockError('NO_SPACE', `${who} cannot provide ${what}: ${error.message}`, details);
      if (/already (in use|exists)|has already been taken/i.test(error.message))
        return new CrossdockError('ALREADY_EXISTS', `${who}: ${what} already exists (${error.message})`, details);
      return new CrossdockError('INVALID_ARGUMENT', `${who} rejected ${what}: ${error.message}`, details);
    default:
      if (error.status === 401 || error.status === 403)
        return new CrossdockError('PROVIDER_AUTH_FAILED', `${who} refused the API token: ${error.message}`, details);
      if (error.status === 404) return new CrossdockError('NOT_FOUND', `${who}: ${what} not found`, details);
      return error;
  }
}
