import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerodeOnSocket, dockerodeOverAgent } from './dockerode-options.js';
import { translateDockerError } from './docker-engine.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('dockerode options', () => {
  it('sends every request through the agent, whatever DOCKER_HOST says', () => {
    // docker-modem would otherwise switch to its own per-request SSH login.
    process.env.DOCKER_HOST = 'ssh://someone@elsewhere';
    const agent = new Agent();
    const modem = dockerodeOverAgent(agent).modem as unknown as Record<string, unknown>;
    expect(modem).toMatchObject({ agent, protocol: 'http', host: 'docker' });
    expect(modem['socketPath']).toBeUndefined();
  });

  it('puts the local engine on its socket even with a TCP DOCKER_HOST', () => {
    process.env.DOCKER_HOST = 'tcp://192.0.2.1:2376';
    const modem = dockerodeOnSocket('/run/docker.sock').modem as unknown as Record<string, unknown>;
    expect(modem).toMatchObject({ socketPath: '/run/docker.sock', protocol: 'http' });
    expect(modem['host']).toBeUndefined();
  });
});

describe('translateDockerError', () => {
  it('turns a missing or refused socket into DOCKER_UNAVAILABLE naming the engine', () => {
    const error = Object.assign(new Error('connect ENOENT /run/docker.sock'), { code: 'ENOENT' });
    expect(translateDockerError(error, 'local (/run/docker.sock)')).toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
      message: expect.stringContaining('local (/run/docker.sock)'),
    });
  });

  it('leaves Docker API errors to the caller', () => {
    const error = Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 });
    expect(translateDockerError(error, 'x')).toBe(error);
  });
});
