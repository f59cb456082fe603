/**
 * Error codes that may cross the API boundary. This is a closed union: a client can switch on it
 * exhaustively, and anything the core throws that is not a {@link CrossdockError} reaches the
 * client as `INTERNAL` with a generic message (never the original error object, which could carry
 * keys or tokens in its fields).
 */
export const ERROR_CODES = [
  /** The arguments of a call did not match the method's schema. */
  'INVALID_ARGUMENT',
  /** The method or event named in a frame does not exist in the contract. */
  'METHOD_NOT_FOUND',
  /** A thing named by id or name does not exist. */
  'NOT_FOUND',
  /** A thing with that name already exists. */
  'ALREADY_EXISTS',
  /** The caller cancelled the call or the job. */
  'CANCELLED',
  /** The operation did not finish within its time limit. */
  'TIMEOUT',
  /** The connection carrying the call was closed before the answer came. */
  'DISCONNECTED',
  /**
   * The operation is not possible in the current state (for example cancelling a finished job).
   * The codes below it name the states a client handles in its own way.
   */
  'FAILED_PRECONDITION',
  /** The same work (a deploy of that project, a migration of that source) is running already: follow it, or cancel it. */
  'ALREADY_RUNNING',
  /** The vault must be unlocked first. */
  'VAULT_LOCKED',
  /** There is no vault yet: create one (choose a passphrase) rather than unlock. */
  'VAULT_NOT_INITIALIZED',
  /** The vault file, or a secret in it, fails its integrity check: no passphrase opens it; restore the file. */
  'VAULT_DAMAGED',
  /** The system keychain is missing or refused here: use a passphrase instead (or the desktop app). */
  'KEYCHAIN_UNAVAILABLE',
  /** The vault's passphrase is wrong. */
  'WRONG_PASSPHRASE',
  /** An encrypted private key was given without its passphrase. */
  'KEY_PASSPHRASE_REQUIRED',
  /** A private key could not be read (unknown format, corrupt, or wrong passphrase). */
  'KEY_INVALID',
  /** Nothing answered at the host's address and port within the time limit. */
  'HOST_UNREACHABLE',
  /** The SSH server refused the user or key. */
  'AUTH_FAILED',
  /** The host presented a different key than the one pinned or in known_hosts. */
  'HOST_KEY_MISMATCH',
  /** First contact: the host key must be confirmed (details carry its SHA256 fingerprint). */
  'HOST_KEY_UNKNOWN',
  /** The host key is marked @revoked in known_hosts. */
  'HOST_KEY_REVOKED',
  'DOCKER_UNAVAILABLE',
  /** The login user needs a sudo password (details.refused: the one given was wrong): ask for it and try again. */
  'SUDO_PASSWORD_REQUIRED',
  /**
   * A container Crossdock started (a deploy's dependency, a migrated copy) exited, restarted or
   * reports unhealthy: details name its host and container, whose log says why.
   */
  'CONTAINER_UNHEALTHY',
  'UNSUPPORTED_OS',
  'PROVIDER_AUTH_FAILED',
  'PORT_CONFLICT',
  'NO_SPACE',
  /** The registry has no such image (or tag), or hides it from this login: details name the image, host and registry. */
  'IMAGE_NOT_FOUND',
  /** The registry refused the credentials (or asked for some): details name the registry. Log in with `crossdock registry login`. */
  'REGISTRY_AUTH_FAILED',
  /** The registry did not answer (DNS, refused, TLS, timeout) from the host that pulls: details name the registry and host. */
  'REGISTRY_UNREACHABLE',
  /**
   * Building an image failed (a Dockerfile error, a failing RUN step): details name the service,
   * host, image and failing step, and `output` holds the build output's last lines.
   */
  'BUILD_FAILED',
  /** A bug or an unexpected failure; the details are in the core's log. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Remedies that depend on the client: the core names one in `details.advice` and leaves it out of
 * the message, and each client words it its own way (the CLI names its flag, the app its option).
 * - `auto-ports`: publish on the next free port instead (`--auto-ports`, “Assign free ports when taken”).
 * - `force-image-remove`: remove the image from under the stopped containers that use it (`--force`).
 */
export const ERROR_ADVICE = ['auto-ports', 'force-image-remove'] as const;
export type ErrorAdvice = (typeof ERROR_ADVICE)[number];

/** The client-worded remedy an error's details name, if any. */
export function errorAdvice(details: ErrorDetails | undefined): ErrorAdvice | null {
  const advice = details?.advice;
  return typeof advice === 'string' && (ERROR_ADVICE as readonly string[]).includes(advice)
    ? (advice as ErrorAdvice)
    : null;
}

/** Values allowed in error details: plain data only, chosen on purpose by the thrower. */
export type ErrorDetailValue = string | number | boolean | null | string[];
export type ErrorDetails = Readonly<Record<string, ErrorDetailValue>>;

/** The only shape of an error that crosses a process boundary. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

/**
 * An expected failure with a code from {@link ERROR_CODES}. Only `code`, `message` and `details`
 * ever leave the process; other properties on the object are dropped at the boundary.
 */
export class CrossdockError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'CrossdockError';
    this.code = code;
    this.details = details;
  }

  static fromWire(error: WireError): CrossdockError {
    return new CrossdockError(error.code, error.message, error.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function cleanDetails(details: unknown): ErrorDetails {
  if (typeof details !== 'object' || details === null) return {};
  const out: Record<string, ErrorDetailValue> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = value as ErrorDetailValue;
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      out[key] = [...(value as string[])];
    }
  }
  return out;
}

/**
 * Turns anything thrown into a {@link WireError} by allow-list: a CrossdockError keeps its code,
 * message and plain-data details; an abort becomes CANCELLED; everything else becomes INTERNAL
 * with a message that names the operation but none of the original error's text.
 */
export function toWireError(error: unknown, operation: string): WireError {
  if (error instanceof CrossdockError) {
    return { code: error.code, message: error.message, details: cleanDetails(error.details) };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'CANCELLED', message: `${operation} was cancelled`, details: {} };
  }
  return {
    code: 'INTERNAL',
    message: `${operation} failed unexpectedly; the Crossdock log has the details`,
    details: {},
  };
}
