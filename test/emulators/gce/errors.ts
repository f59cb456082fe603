import type { ServerResponse } from 'node:http';

/** Google's canonical status names for the HTTP codes this emulator returns. */
const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ALREADY_EXISTS',
  500: 'INTERNAL',
};

/**
 * An API failure as Compute Engine reports it: HTTP code, a reason (`notFound`, `alreadyExists`,
 * `invalid`, `required`, …) and a message. Thrown by handlers, turned into Google's JSON error
 * envelope by {@link sendError}, so the SDK maps it to a GoogleError with the same code.
 */
export class GceError extends Error {
  constructor(
    readonly httpCode: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** 404 in Compute's wording: "The resource 'projects/p/zones/z/instances/x' was not found". */
export function notFound(resourcePath: string): GceError {
  return new GceError(404, 'notFound', `The resource '${resourcePath}' was not found`);
}

/** 409 in Compute's wording. */
export function alreadyExists(resourcePath: string): GceError {
  return new GceError(409, 'alreadyExists', `The resource '${resourcePath}' already exists`);
}

/** 400 for a malformed or missing field. */
export function invalid(message: string): GceError {
  return new GceError(400, 'invalid', message);
}

/** 401: Google answers every unauthenticated API call with this same shape. */
export function unauthenticated(message: string): GceError {
  return new GceError(401, 'authError', message);
}

/** Writes `{"error": {code, message, status, errors: [{message, domain, reason}]}}`. */
export function sendError(res: ServerResponse, error: GceError): void {
  const body = {
    error: {
      code: error.httpCode,
      message: error.message,
      status: statusNames[error.httpCode] ?? 'UNKNOWN',
      errors: [{ message: error.message, domain: 'global', reason: error.reason }],
    },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
  // Google sends this on 401s; clients that look for it find the usual scheme.
  if (error.httpCode === 401) headers['www-authenticate'] = 'Bearer realm="https://accounts.google.com/"';
  res.writeHead(error.httpCode, headers).end(JSON.stringify(body));
}
