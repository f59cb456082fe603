/**
 * Names a failed pull by the daemon's message. The engine reports registry failures as text only
 * (in the stream's `error` field or a 404/500 body), so the classification reads that text.
 */
import { CrossdockError, type ErrorCode } from '../../../shared/index.js';

export interface PullFailureContext {
  image: string;
  /** How messages name the host (its label). */
  host: string;
  registry: string;
  /** Whether credentials went with the pull: a "not found" then may mean "not allowed". */
  withCredentials: boolean;
}

const UNREACHABLE = [
  /dial tcp/i,
  /no such host/i,
  /timeout|timed out/i,
  /x509|certificate/i,
  /connection refused/i,
  /network is unreachable/i,
  /tls:/i,
  /EOF$/,
];
const AUTH = [
  /unauthorized/i,
  /no basic auth credentials/i,
  /\b401\b/,
  /authentication required/i,
  /incorrect username or password/i,
  /denied: requested access/i,
];
const NOT_FOUND = [
  /manifest unknown/i,
  /not found/i,
  /pull access denied/i,
  /repository does not exist/i,
  /name unknown/i,
];

export function classifyPullFailure(message: string, context: PullFailureContext): ErrorCode | null {
  if (UNREACHABLE.some((pattern) => pattern.test(message))) return 'REGISTRY_UNREACHABLE';
  // Docker Hub answers "pull access denied ... may require 'docker login'" both for a missing image
  // and a private one: without credentials we call it not found, with them a refused login.
  if (/pull access denied/i.test(message)) return context.withCredentials ? 'REGISTRY_AUTH_FAILED' : 'IMAGE_NOT_FOUND';
  if (AUTH.some((pattern) => pattern.test(message))) return 'REGISTRY_AUTH_FAILED';
  if (NOT_FOUND.some((pattern) => pattern.test(message))) return 'IMAGE_NOT_FOUND';
  return null;
}

export function pullFailure(message: string, context: PullFailureContext): CrossdockError {
  const code = classifyPullFailure(message, context);
  const details = {
    image: context.image,
    host: context.host,
    registry: context.registry,
    reason: message.slice(0, 500),
  };
  const where = `pulling ${context.image} on ${context.host} from ${context.registry}`;
  switch (code) {
    case 'IMAGE_NOT_FOUND':
      return new CrossdockError(
        'IMAGE_NOT_FOUND',
        `${context.registry} has no image ${context.image} (${where}); check the name and tag`,
        details,
      );
    case 'REGISTRY_AUTH_FAILED':
      return new CrossdockError(
        'REGISTRY_AUTH_FAILED',
        `${context.registry} refused ${context.withCredentials ? 'the stored credentials' : 'an anonymous pull'} (${where}); log in with \`crossdock registry login ${context.registry}\``,
        details,
      );
    case 'REGISTRY_UNREACHABLE':
      return new CrossdockError(
        'REGISTRY_UNREACHABLE',
        `${context.host} cannot reach the registry ${context.registry} (${where}): ${message.slice(0, 200)}`,
        details,
      );
    default:
      return new CrossdockError('INTERNAL', `The engine failed ${where}: ${message.slice(0, 200)}`, details);
  }
}
