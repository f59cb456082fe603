import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { ImageRemoveReport } from '../domain/images.js';
import { hostRef } from './hosts.js';

/** An image as a user names it on a host: `postgres:16`, `REGISTRY/NAME:TAG`, or an id (`sha256:…` or a prefix). */
export const imageRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .regex(/^\S+$/, 'an image reference has no spaces: NAME[:TAG], REGISTRY/NAME:TAG or an image id');

/**
 * Images as things a user handles, host by host: pulled from a registry onto a host, sent from
 * one host to others (layer-aware, host to host), removed. Listing is `docker.images`.
 */
export interface ImagesApi {
  /**
   * Starts an `image-pull` job: the host's engine pulls the image with the vault's login for its
   * registry, if there is one (nothing is written on the host but the image). A failure is
   * IMAGE_NOT_FOUND, REGISTRY_AUTH_FAILED or REGISTRY_UNREACHABLE naming image, host and
   * registry, and leaves the host's images as they were.
   */
  pull(args: { host: string; image: string }): Promise<JobInfo>;
  /**
   * Starts an `image-send` job: the image on `source` goes to every host of `targets` at once,
   * straight from the source over SSH where it can reach the target (else relayed through this
   * computer, unless `forceRelay` asks for that anyway), and only the layers the target lacks.
   * A target holding the same image id gets nothing but the tag. NOT_FOUND when the source lacks
   * the image; the job fails naming each target that failed, after the others finished.
   */
  send(args: { source: string; image: string; targets: string[]; forceRelay?: boolean | undefined }): Promise<JobInfo>;
  /**
   * Removes an image (a tag, when the image has other tags: only the tag goes). Refused with
   * FAILED_PRECONDITION naming the containers when containers use it, unless `force`, which
   * removes it from under stopped containers; one that runs always keeps its image.
   */
  remove(args: { host: string; image: string; force?: boolean | undefined }): Promise<ImageRemoveReport>;
}

export const imagesSchemas: SchemaMap<ImagesApi> = {
  pull: z.strictObject({ host: hostRef, image: imageRef }),
  send: z.strictObject({
    source: hostRef,
    image: imageRef,
    targets: z.array(hostRef).min(1).max(100),
    forceRelay: z.boolean().optional(),
  }),
  remove: z.strictObject({ host: hostRef, image: imageRef, force: z.boolean().optional() }),
};
