import { CrossdockError } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';

export interface EngineCheck {
  version: string;
  storageDriver: string;
  detail: string;
}

/**
 * The engine answers over the host's pooled connection; its version and storage driver; and,
 * when the host has an image (nothing can be pulled on every network), a container from it runs
 * `true` and exits 0.
 */
export async function verifyEngine(engine: DockerEngine, signal?: AbortSignal): Promise<EngineCheck> {
  await engine.ping(signal);
  const version = await engine.call((d) => d.version());
  const info = (await engine.call((d) => d.info())) as { Driver?: string };
  const storageDriver = info.Driver ?? 'unknown';
  const base = `Docker ${version.Version} answers (API ${version.ApiVersion}, storage driver ${storageDriver})`;
  const images = await engine.call((d) => d.listImages());
  const tag = images.flatMap((image) => image.RepoTags ?? []).find((t) => t !== '<none>:<none>');
  if (!tag)
    return {
      version: version.Version,
      storageDriver,
      detail: `${base}; no image on the host to run a test container from`,
    };
  const exitCode = await engine.call(async (d) => {
    const container = await d.createContainer({
      Image: tag,
      Cmd: ['true'],
      Labels: { 'crossdock.bootstrap-check': '1' },
    });
    try {
      await container.start();
      const waited = (await container.wait()) as { StatusCode: number };
      return waited.StatusCode;
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  });
  if (exitCode !== 0)
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `A test container from ${tag} exited ${exitCode} on ${engine.label}`,
      { host: engine.label },
    );
  return { version: version.Version, storageDriver, detail: `${base}; a container from ${tag} ran and exited 0` };
}
