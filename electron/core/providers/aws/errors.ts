// Maps the AWS SDK's errors (named after EC2's and SSM's error codes) to CrossdockErrors, so the
// machines service sees the same codes from every provider. Unknown errors pass through
// untouched: they are bugs or outages, and the boundary turns them into INTERNAL.
import { CrossdockError } from '../../../../shared/errors.js';

const AUTH_ERRORS = new Set([
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnauthorizedOperation',
  // Raised by the SDK itself when a profile or the default chain yields no credentials.
  'CredentialsProviderError',
]);
const NOT_FOUND_ERRORS = new Set(['InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed']);
const INVALID_ERRORS = new Set([
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidInstanceType',
  'Unsupported',
]);
const NO_SPACE_ERRORS = new Set([
  'InstanceLimitExceeded',
  'VcpuLimitExceeded',
  'InsufficientInstanceCapacity',
  'ResourceLimitExceeded',
]);

/** The EC2/SSM error code of an SDK error (`AuthFailure`, `DependencyViolation`…), or undefined. */
export function awsErrorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** The CrossdockError an SDK error stands for, or the error itself when it is unexpected. */
export function toCrossdockError(error: unknown, providerName: string): unknown {
  if (error instanceof CrossdockError || !(error instanceof Error)) return error;
  const name = error.name;
  const details = { provider: providerName, awsError: name };
  if (AUTH_ERRORS.has(name)) {
    return new CrossdockError(
      'PROVIDER_AUTH_FAILED',
      `AWS (${providerName}) refused the credentials: ${error.message}`,
      details,
    );
  }
  if (name === 'AbortError') return new CrossdockError('CANCELLED', `AWS (${providerName}): cancelled`, details);
  if (NOT_FOUND_ERRORS.has(name))
    return new CrossdockError('NOT_FOUND', `AWS (${providerName}): ${error.message}`, details);
  if (INVALID_ERRORS.has(name))
    return new CrossdockError('INVALID_ARGUMENT', `AWS (${providerName}): ${error.message}`, details);
  if (NO_SPACE_ERRORS.has(name))
    return new CrossdockError('NO_SPACE', `AWS (${providerName}): ${error.message}`, details);
  if (name === 'IncorrectInstanceState')
    return new CrossdockError('FAILED_PRECONDITION', `AWS (${providerName}): ${error.message}`, details);
  return error;
}
