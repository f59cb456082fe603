import { describe, expect, it } from 'vitest';
import { CrossdockError, type ErrorCode } from '../../../shared/index.js';
import type { ExecResult } from '../ssh/remote-exec.js';
import { resolveDockerTransport, type DockerSshConnection } from './docker-transport.js';

/** A connection whose stream-local forward is refused and whose commands answer from `results`. */
function refusingConnection(
  results: Record<string, Partial<ExecResult>>,
  refusal: ErrorCode = 'FAILED_PRECONDITION',
  commands: string[] = [],
): DockerSshConnection {
  return {
    hostId: 'h1',
    endpoint: 'tester@192.0.2.1:22',
    openStreamLocal: () => Promise.reject(new CrossdockError(refusal, 'refused')),
    exec: (command: string) => {
      commands.push(command);
      const match = Object.entries(results).find(([prefix]) => command.startsWith(prefix));
      return Promise.resolve({ stdout: '', stderr: '', exitCode: 1, exitSignal: null, ...match?.[1] });
    },
    execStream: () => Promise.reject(new Error('not used')),
  };
}

describe('resolveDockerTransport', () => {
  it('falls back to dial-stdio when the forward is refused but the CLI reaches the engine', async () => {
    const connection = refusingConnection({ env: { exitCode: 0 } });
    await expect(resolveDockerTransport(connection, '/var/run/docker.sock')).resolves.toBe('dial-stdio');
  });

  it('uses sudo -n for a user outside the docker group', async () => {
    const connection = refusingConnection({
      env: { exitCode: 1, stderr: 'permission denied while trying to connect to the Docker daemon socket\n' },
      'sudo -n env': { exitCode: 0 },
    });
    await expect(resolveDockerTransport(connection, '/var/run/docker.sock')).resolves.toBe('dial-stdio-sudo');
  });

  it('says DOCKER_UNAVAILABLE, naming the host and the reason, when nothing reaches an engine', async () => {
    const connection = refusingConnection({
      env: { exitCode: 127, stderr: "env: 'docker': No such file or directory\n" },
    });
    await expect(resolveDockerTransport(connection, '/var/run/docker.sock')).rejects.toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
      message: expect.stringContaining('tester@192.0.2.1:22'),
      details: { reason: "env: 'docker': No such file or directory" },
    });
  });

  it('quotes the socket path for the remote shell', async () => {
    const commands: string[] = [];
    const connection = refusingConnection({ env: { exitCode: 0 } }, 'FAILED_PRECONDITION', commands);
    await resolveDockerTransport(connection, "/run/it's here.sock");
    expect(commands).toEqual([
      `env 'DOCKER_HOST=unix:///run/it'\\''s here.sock' docker version --format '{{.Server.Version}}'`,
    ]);
  });

  it('passes connection failures through instead of probing further', async () => {
    const connection = refusingConnection({}, 'HOST_UNREACHABLE');
    await expect(resolveDockerTransport(connection, '/var/run/docker.sock')).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
    });
  });
});
