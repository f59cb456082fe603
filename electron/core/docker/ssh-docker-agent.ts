import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import { CrossdockError } from '../../../shared/index.js';
import { asHttpSocket } from './channel-socket.js';
import {
  DEFAULT_DOCKER_SOCKET,
  dockerUnavailable,
  openDockerStream,
  resolveDockerTransport,
  type DockerSshConnection,
  type DockerTransport,
} from './docker-transport.js';

/**
 * An HTTP agent whose connections are channels of the host's one SSH connection, for dockerode.
 * (docker-modem's own `protocol: 'ssh'` logs in anew for every request; this never does.)
 * Each HTTP request gets its own channel, closed when the response ends, so nothing idles open.
 */
export class SshDockerAgent extends Agent {
  private transport: Promise<DockerTransport> | null = null;

  constructor(
    private readonly connection: DockerSshConnection,
    private readonly socketPath: string = DEFAULT_DOCKER_SOCKET,
  ) {
    super({ keepAlive: false });
  }

  /** The transport in use, found on first need and kept; a failed probe is retried next time. */
  resolveTransport(signal?: AbortSignal): Promise<DockerTransport> {
    this.transport ??= resolveDockerTransport(this.connection, this.socketPath, signal).catch((error: unknown) => {
      this.transport = null;
      throw error;
    });
    return this.transport;
  }

  // Node's http asks for a socket through this hook; the callback form lets it be asynchronous.
  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    if (!callback) throw new Error('SshDockerAgent needs the asynchronous form of createConnection');
    // Node ignores the stream argument when there is an error (oncreate in lib/_http_agent.js);
    // the type just does not say so.
    const fail = callback as (error: Error) => void;
    this.openSocket().then(
      (socket) => callback(null, socket),
      (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
    );
    return undefined;
  }

  private async openSocket(): Promise<Duplex> {
    const transport = await this.resolveTransport();
    try {
      const { stream, close } = await openDockerStream(this.connection, transport, this.socketPath);
      return asHttpSocket(stream, close);
    } catch (error) {
      // The socket worked when probed, so the engine went away (stopped, uninstalled): probe
      // again next time, and say so in Docker's terms.
      if (error instanceof CrossdockError && error.code === 'FAILED_PRECONDITION') {
        this.transport = null;
        throw dockerUnavailable(this.connection.endpoint, `${this.socketPath} refused the connection`);
      }
      throw error;
    }
  }
}
