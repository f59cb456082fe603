import { CrossdockError } from '../../../shared/index.js';

/**
 * Docker's own HTTP errors (dockerode puts the status on the error) as CrossdockErrors that name
 * the thing and the host. Anything else passes through for the engine's translation.
 */
export function fromDockerApi(error: unknown, thing: string, hostName: string): unknown {
  if (error instanceof CrossdockError || !(error instanceof Error)) return error;
  const status = (error as { statusCode?: number }).statusCode;
  const reason = (error as { json?: { message?: string } }).json?.message ?? error.message;
  if (status === 404)
    return new CrossdockError('NOT_FOUND', `${thing} does not exist on ${hostName}`, { host: hostName });
  if (status === 409)
    return new CrossdockError('FAILED_PRECONDITION', `${thing} on ${hostName}: ${reason}`, { host: hostName });
  if (status === 304)
    return new CrossdockError('FAILED_PRECONDITION', `${thing} on ${hostName} is already in that state`, {
      host: hostName,
    });
  if (status !== undefined && status >= 400)
    return new CrossdockError('FAILED_PRECONDITION', `Docker on ${hostName} refused: ${reason}`, {
      host: hostName,
      status,
    });
  return error;
}
