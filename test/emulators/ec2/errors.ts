/**
 * An error the emulated service reports to the client, with EC2's code and HTTP status.
 * Handlers throw it; the server turns it into the protocol's error document.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Shorthand for the most common refusal. */
export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterValue', message);
}

/** `MissingParameter` for a required parameter that is absent. */
export function requireParam<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '')
    throw new ServiceError('MissingParameter', `The request must contain the parameter ${name}`);
  return value;
}
