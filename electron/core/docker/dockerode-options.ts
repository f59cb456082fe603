import type Dockerode from 'dockerode';
import { createRequire } from 'node:module';
import type { Agent } from 'node:http';

const requireHere = createRequire(import.meta.url);
let dockerodeClass: typeof Dockerode | undefined;

/**
 * dockerode, required on first use rather than imported: with docker-modem, gRPC and protobufjs
 * behind it, it is the costliest module to load (about 0.1 s), and commands that never reach
 * an engine (`host ls`, `jobs ls`, `info`) should not pay for it. Synchronous (dockerode is
 * CommonJS), so callers stay as they were; the CLI calls it early to load it while the vault's
 * scrypt runs on another thread.
 */
export function loadDockerode(): typeof Dockerode {
  dockerodeClass ??= requireHere('dockerode');
  if (!dockerodeClass) throw new Error('dockerode did not load');
  return dockerodeClass;
}

/**
 * dockerode's options as Crossdock passes them. dockerode hands its options object unchanged
 * to docker-modem (`new Modem(opts)` in dockerode/lib/docker.js), and docker-modem accepts an
 * `agent` (its README: "custom agent"), which @types/dockerode's DockerOptions does not list.
 * This type adds it, so nothing needs a @ts-ignore.
 */
type DockerodeOptions = Dockerode.DockerOptions & { agent?: Agent | undefined };

// docker-modem fills in defaults from DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH before
// applying ours; every field that could steer a request elsewhere is set explicitly.
const NEUTRAL: DockerodeOptions = {
  protocol: 'http',
  ca: undefined,
  cert: undefined,
  key: undefined,
  timeout: undefined,
};

/** dockerode whose every request goes through `agent` (an {@link SshDockerAgent}). */
export function dockerodeOverAgent(agent: Agent): Dockerode {
  // The host name only fills the request line; the agent decides where bytes go.
  const options: DockerodeOptions = { ...NEUTRAL, agent, host: 'docker', port: 80, socketPath: undefined };
  return new (loadDockerode())(options);
}

/** dockerode on a local engine's UNIX socket. */
export function dockerodeOnSocket(socketPath: string): Dockerode {
  const options: DockerodeOptions = { ...NEUTRAL, socketPath, host: undefined, port: undefined };
  return new (loadDockerode())(options);
}

/**
 * `GET /_ping` with an abort signal. dockerode's ping takes `{ abortSignal }` at run time but
 * its types do not say so; docker-modem's typed `dial` does.
 */
export function pingEngine(docker: Dockerode, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/_ping',
        method: 'GET',
        statusCodes: { 200: true, 500: 'server error' },
        ...(signal ? { abortSignal: signal } : {}),
      },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}
