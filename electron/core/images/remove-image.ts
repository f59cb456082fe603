import { CrossdockError, type ImageRemoveReport } from '../../../shared/index.js';
import { fromDockerApi } from '../containers/docker-api-errors.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { removalBlocker } from './removal-check.js';

/** Removes an image (or one of its tags) from a host, after checking no container still needs it. */
export async function removeImage(
  engine: DockerEngine,
  host: string,
  image: string,
  force: boolean,
  signal: AbortSignal,
): Promise<ImageRemoveReport> {
  const inspected = await engine
    .call((docker) => docker.getImage(image).inspect())
    .catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode !== 404) throw fromDockerApi(error, `Image ${image}`, host);
      throw new CrossdockError(
        'NOT_FOUND',
        `Image ${image} is not on ${host}; "crossdock image ls --host ${host}" lists the images it has`,
        { host, image },
      );
    });
  const containers = await engine.call((docker) => docker.listContainers({ all: true, abortSignal: signal }));
  const users = containers
    .filter((c) => c.ImageID === inspected.Id)
    .map((c) => ({ name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), running: c.State === 'running' }));
  const blocker = removalBlocker(image, host, inspected.RepoTags ?? [], users, force);
  if (blocker) throw blocker;
  const answer = (await engine
    .call((docker) => docker.getImage(image).remove({ force }))
    .catch((error: unknown) => Promise.reject(fromDockerApi(error, `Image ${image}`, host)))) as {
    Untagged?: string;
    Deleted?: string;
  }[];
  return {
    host,
    image,
    untagged: answer.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
    deleted: answer.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
  };
}
