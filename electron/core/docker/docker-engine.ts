import type Dockerode from 'dockerode';
import { CrossdockError } from '../../../shared/index.js';
import { dockerodeOnSocket, dockerodeOverAgent, pingEngine } from './dockerode-options.js';
import {
  DEFAULT_DOCKER_SOCKET,
  dockerUnavailable,
  type DockerSshConnection,
  type DockerTransport,
} from './docker-transport.js';
import { SshDockerAgent } from './ssh-docker-agent.js';

/** The host id of the engine on this computer. */
export const LOCAL_HOST_ID = 'local';

/** How a {@link DockerEngine} reaches its engine: a local UNIX socket, or one of the SSH ways. */
export type EngineTransport = 'unix-socket' | DockerTransport;

/** One host's Docker engine, as dockerode plus the translation of its failures. */
export interface DockerEngine {
  readonly hostId: string;
  /** How messages name the engine: `user@address:port`, or `local (/var/run/docker.sock)`. */
  readonly label: string;
  /** The raw client. Prefer {@link DockerEngine.call}, which turns failures into CrossdockErrors. */
  readonly docker: Dockerode;
  /** How requests travel; for SSH hosts, found by probing on first need. */
  transport(signal?: AbortSignal): Promise<EngineTransport>;
  /**
   * Runs dockerode calls; "no engine" becomes DOCKER_UNAVAILABLE naming the host, an abort
   * CANCELLED, SSH failures keep their codes. Docker's own API errors (404, 409, ...) pass
   * through unchanged for the caller to map.
   */
  call<T>(operation: (docker: Dockerode) => Promise<T>): Promise<T>;
  /** Checks the engine answers (`GET /_ping`). */
  ping(signal?: AbortSignal): Promise<void>;
  /** Closes any connection the client still holds (the SSH connection itself stays). */
  dispose(): void;
}

/** The engine of an SSH host, over that host's one connection. */
export function sshDockerEngine(
  connection: DockerSshConnection,
  socketPath: string = DEFAULT_DOCKER_SOCKET,
): DockerEngine {
  const agent = new SshDockerAgent(connection, socketPath);
  return engine(connection.hostId, connection.endpoint, dockerodeOverAgent(agent), {
    transport: (signal) => agent.resolveTransport(signal),
    dispose: () => agent.destroy(),
  });
}

/** The engine on this computer, on its UNIX socket, as host {@link LOCAL_HOST_ID}. */
export function localDockerEngine(socketPath: string = DEFAULT_DOCKER_SOCKET): DockerEngine {
  return engine(LOCAL_HOST_ID, `local (${socketPath})`, dockerodeOnSocket(socketPath), {
    transport: () => Promise.resolve('unix-socket'),
    dispose: () => undefined,
  });
}

function engine(
  hostId: string,
  label: string,
  docker: Dockerode,
  parts: { transport: (signal?: AbortSignal) => Promise<EngineTransport>; dispose: () => void },
): DockerEngine {
  const call = async <T>(operation: (client: Dockerode) => Promise<T>): Promise<T> => {
    try {
      return await operation(docker);
    } catch (error) {
      throw translateDockerError(error, label);
    }
  };
  return {
    hostId,
    label,
    docker,
    transport: parts.transport,
    call,
    ping: (signal) => call((client) => pingEngine(client, signal)),
    dispose: parts.dispose,
  };
}

// Socket-level failures that mean nothing (usable) is listening where the engine should be.
const NO_ENGINE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'EACCES', 'EPERM', 'ECONNRESET', 'EPIPE']);

/**
 * Maps what dockerode throws to a CrossdockError where the meaning is known; leaves Docker's
 * HTTP errors (they carry `statusCode`) to the caller.
 */
export function translateDockerError(error: unknown, label: string): unknown {
  if (error instanceof CrossdockError) return error;
  if (!(error instanceof Error)) return error;
  if (error.name === 'AbortError') {
    return new CrossdockError('CANCELLED', `The Docker call on ${label} was cancelled.`, { host: label });
  }
  const code = (error as NodeJS.ErrnoException).code;
  if ((code !== undefined && NO_ENGINE_CODES.has(code)) || /socket hang up/i.test(error.message)) {
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied on the Docker socket' : code;
    const made = dockerUnavailable(label, reason);
    made.cause = error;
    return made;
  }
  return error;
}
