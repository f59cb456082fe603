import type { ImagePullReport } from '../../../shared/index.js';
import { fromDockerApi } from '../containers/docker-api-errors.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { JobRunner } from '../jobs/registry.js';
import { pullImage, type RegistryAuthResolver } from './pull-image.js';
import { describePullProgress } from './pull-progress.js';

// The job's detail follows every event; its log, which the CLI prints, gets a line this often.
const LOG_EVERY_MS = 2_000;

/** The `image-pull` job: one image on one host, through the host's engine, with the vault's login. */
export function imagePullJob(
  deps: { runtime: HostRuntime; registryAuth?: RegistryAuthResolver | undefined },
  host: StoredHost,
  image: string,
): JobRunner<'image-pull'> {
  return async (job): Promise<ImagePullReport> => {
    job.step('pull', `${image}: connecting to ${host.name}`);
    const engine = await deps.runtime.engine(host);
    job.log(`[pull] ${image} on ${host.name}`);
    let lastLog = Date.now();
    const result = await pullImage(engine, image, {
      registryAuth: deps.registryAuth,
      signal: job.signal,
      onProgress: (progress) => {
        const detail = describePullProgress(progress);
        job.within('pull', progress.fraction ?? 0, `${image}: ${detail}`);
        if (Date.now() - lastLog >= LOG_EVERY_MS) {
          lastLog = Date.now();
          job.log(`[pull] ${detail}`);
        }
      },
    });
    const inspected = await engine
      .call((docker) => docker.getImage(image).inspect())
      .catch((error: unknown) => Promise.reject(fromDockerApi(error, `Image ${image}`, host.name)));
    const { progress } = result;
    job.log(`[pull] ${image} on ${host.name}: ${describePullProgress(progress) || 'already up to date'}`);
    job.step('done');
    return {
      host: host.name,
      image,
      id: inspected.Id,
      registry: result.registry,
      layers: progress.layers,
      layersExisting: progress.layersExisting,
      bytes: progress.downloadedBytes,
    };
  };
}
