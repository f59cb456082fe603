import { CrossdockError } from '../../../../shared/errors.js';

/** The parts of a GaxiosError (REST fallback) or a gax GoogleError that tell what went wrong. */
interface GoogleFailure {
  code?: unknown;
  status?: unknown;
  message?: unknown;
}

/** The HTTP status of a failed SDK call; REST errors keep the HTTP code, not a gRPC one. */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, status } = error as GoogleFailure;
  if (typeof code === 'number') return code;
  if (typeof status === 'number') return status;
  return null;
}

/** Google's own message, trimmed: it names the resource but never carries the credential. */
function googleMessage(error: unknown): string {
  const message = (error as GoogleFailure | null)?.message;
  return typeof message === 'string' ? message.split('\n')[0]!.slice(0, 300) : 'no reason given';
}

/**
 * Maps a failed Compute call to a CrossdockError by HTTP status so callers can switch on a code.
 * Anything unexpected is rethrown untouched: it is a bug or an outage, and the boundary turns it
 * into INTERNAL without copying its fields (which could hold tokens).
 */
export function toCrossdockError(error: unknown, providerName: string, what: string): unknown {
  if (error instanceof CrossdockError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const status = httpStatusOf(error);
  const reason = googleMessage(error);
  switch (status) {
    case 401:
    case 403:
      return new CrossdockError(
        'PROVIDER_AUTH_FAILED',
        `Google Cloud (${providerName}) refused the credentials: ${reason}`,
        { provider: providerName },
      );
    case 404:
      return new CrossdockError('NOT_FOUND', `Google Cloud (${providerName}): ${what} not found`, {
        provider: providerName,
      });
    case 409:
      return new CrossdockError('ALREADY_EXISTS', `Google Cloud (${providerName}): ${what} already exists`, {
        provider: providerName,
      });
    case 400:
      return new CrossdockError('INVALID_ARGUMENT', `Google Cloud (${providerName}) rejected ${what}: ${reason}`, {
        provider: providerName,
      });
    case 429:
      // Compute answers quota exhaustion (CPUs, addresses) with 403/429 rateLimitExceeded or QUOTA_EXCEEDED.
      return new CrossdockError('NO_SPACE', `Google Cloud (${providerName}) quota exceeded for ${what}: ${reason}`, {
        provider: providerName,
      });
    default:
      return error;
  }
}
