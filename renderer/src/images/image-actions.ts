import type { ImageRemoveReport, ImageSummary, JobInfo } from '../../../shared/index.js';
import { refetchHost } from '../containers/docker-sync.js';
import { attempt, type Outcome } from '../state/core-call.js';
import { applyJob } from '../state/store.js';

/** Starts an `image-pull` job on a host. */
export async function pullImage(host: string, image: string): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.images.pull({ host, image }));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}

/** Starts an `image-send` job from the image's host to `targets`. */
export async function sendImage(image: ImageSummary, targets: string[]): Promise<Outcome<JobInfo>> {
  const outcome = await attempt((api) => api.images.send({ source: image.hostId, image: imageName(image), targets }));
  if (outcome.ok) applyJob(outcome.value);
  return outcome;
}

/** Removes the image (by its first tag, else its id) from its host. */
export async function removeImage(image: ImageSummary, force: boolean): Promise<Outcome<ImageRemoveReport>> {
  const outcome = await attempt((api) =>
    api.images.remove({ host: image.hostId, image: imageName(image), ...(force ? { force } : {}) }),
  );
  if (outcome.ok) refetchHost(image.hostId);
  return outcome;
}

/** How the API names the image: its first tag, else its id. */
export function imageName(image: ImageSummary): string {
  return image.tags[0] ?? image.id;
}
