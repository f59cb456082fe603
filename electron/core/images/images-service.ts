import { CrossdockError, type CrossdockApi, type ServerImpl } from '../../../shared/index.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { JobRegistry } from '../jobs/registry.js';
import { parseImageRef } from './image-ref.js';
import type { RegistryAuthResolver } from './pull-image.js';
import { imagePullJob } from './pull-job.js';
import { removeImage } from './remove-image.js';
import { imageSendJob } from './send-job.js';

export interface ImagesServiceDeps {
  inventory: HostInventory;
  runtime: HostRuntime;
  jobs: JobRegistry;
  /** The vault's registry logins (vaultRegistryAuth), unless a test passes its own. */
  registryAuth?: RegistryAuthResolver | undefined;
}

/** `images.*`: pull onto a host, send from host to hosts, remove. Long work runs as jobs. */
export function imagesService(deps: ImagesServiceDeps): ServerImpl<CrossdockApi>['images'] {
  return {
    pull: async ({ host: ref, image }) => {
      const host = deps.inventory.find(ref);
      // A malformed reference is refused now, not as a failed job.
      parseImageRef(image);
      return deps.jobs.start(
        'image-pull',
        `Pull ${image} on ${host.name}`,
        imagePullJob({ runtime: deps.runtime, registryAuth: deps.registryAuth }, host, image),
      );
    },
    send: async ({ source: sourceRef, image, targets: targetRefs, forceRelay }) => {
      const source = deps.inventory.find(sourceRef);
      const targets = [...new Map(targetRefs.map((ref) => deps.inventory.find(ref)).map((h) => [h.id, h])).values()];
      if (targets.some((target) => target.id === source.id))
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `${source.name} is the host the image ${image} comes from; name other hosts to send it to`,
          { host: source.name, image },
        );
      const names = targets.map((target) => target.name).join(', ');
      return deps.jobs.start(
        'image-send',
        `Send ${image} from ${source.name} to ${names}`,
        imageSendJob({ runtime: deps.runtime }, source, targets, image, forceRelay === true),
      );
    },
    remove: async ({ host: ref, image, force }, ctx) => {
      const host = deps.inventory.find(ref);
      return removeImage(await deps.runtime.engine(host), host.name, image, force === true, ctx.signal);
    },
  };
}
