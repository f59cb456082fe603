import type { Duplex } from 'node:stream';
import { CrossdockError } from '../../../shared/index.js';
import { closeChannel } from '../ssh/channel-registry.js';
import type { HostConnection } from '../ssh/host-connection.js';

/**
 * How Docker API requests reach a remote engine over the host's one SSH connection:
 * `stream-local`: an OpenSSH stream-local forward straight to the engine's socket;
 * `dial-stdio`: `docker system dial-stdio` on an exec channel, when sshd forbids stream-local
 * forwarding (`AllowStreamLocalForwarding no`) or the user may not open the socket;
 * `dial-stdio-sudo`: the same through `sudo -n`, for a user outside the docker group.
 */
export type DockerTransport = 'stream-local' | 'dial-stdio' | 'dial-stdio-sudo';

/** What the Docker side needs of a host connection. */
export type DockerSshConnection = Pick<
  HostConnection,
  'hostId' | 'endpoint' | 'openStreamLocal' | 'exec' | 'execStream'
>;

/** The Docker socket on hosts that do not say otherwise. */
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

// DOCKER_HOST is set inline: sshd drops most environment variables a client sends with exec.
// The socket path comes from host settings, so it is quoted for the remote shell.
const dockerCli = (socketPath: string): string => `env ${shellQuote(`DOCKER_HOST=unix://${socketPath}`)} docker`;
const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const probe = (socketPath: string): string => `${dockerCli(socketPath)} version --format '{{.Server.Version}}'`;

/**
 * Finds the first transport that works: the stream-local forward, else the Docker CLI's
 * dial-stdio as the user, else through `sudo -n`. Fails with DOCKER_UNAVAILABLE naming the host
 * when none reaches an engine (not installed, not running, no permission), and passes
 * connection failures (HOST_UNREACHABLE, AUTH_FAILED, HOST_KEY_*, CANCELLED) through.
 */
export async function resolveDockerTransport(
  connection: DockerSshConnection,
  socketPath: string,
  signal?: AbortSignal,
): Promise<DockerTransport> {
  try {
    closeChannel(await connection.openStreamLocal(socketPath, signal));
    return 'stream-local';
  } catch (error) {
    // Only a refused channel means "try the other way"; anything else is about the connection.
    if (!(error instanceof CrossdockError) || error.code !== 'FAILED_PRECONDITION') throw error;
  }
  const direct = await connection.exec(probe(socketPath), { signal });
  if (direct.exitCode === 0) return 'dial-stdio';
  const sudo = await connection.exec(`sudo -n ${probe(socketPath)}`, { signal });
  if (sudo.exitCode === 0) return 'dial-stdio-sudo';
  throw dockerUnavailable(connection.endpoint, firstLine(direct.stderr) || firstLine(sudo.stderr));
}

/** Opens one byte stream to the engine (one HTTP connection's worth) over `transport`. */
export async function openDockerStream(
  connection: DockerSshConnection,
  transport: DockerTransport,
  socketPath: string,
): Promise<{ stream: Duplex; close: () => void }> {
  if (transport === 'stream-local') {
    const channel = await connection.openStreamLocal(socketPath);
    return { stream: channel, close: () => closeChannel(channel) };
  }
  const sudo = transport === 'dial-stdio-sudo' ? 'sudo -n ' : '';
  const process = await connection.execStream(`${sudo}${dockerCli(socketPath)} system dial-stdio`);
  // dial-stdio reports its failures on stderr; read it so the channel can close.
  process.stderr.resume();
  // EOF on its stdin is how the Docker CLI itself ends dial-stdio; the signal is for a stream
  // the engine would go on sending (a followed log).
  const close = (): void => {
    process.stdin.end();
    process.close();
  };
  return { stream: process.duplex, close };
}

/** DOCKER_UNAVAILABLE naming the host, with the engine's own reason when there is one. */
export function dockerUnavailable(host: string, reason?: string): CrossdockError {
  return new CrossdockError(
    'DOCKER_UNAVAILABLE',
    `No Docker engine answers on ${host}${reason ? `: ${reason}` : ''}. Is Docker installed and running?`,
    { host, ...(reason ? { reason } : {}) },
  );
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 300) ?? '';
}
