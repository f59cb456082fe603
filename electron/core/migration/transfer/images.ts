import type Dockerode from 'dockerode';
import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { throwIfCancelled } from './host-commands.js';
import { pipe } from './pipe.js';
import { routeInternals } from './route.js';
import type { ImageToSend, Route, SendImagesResult, TransferHost, TransferOptions } from './types.js';

type ImageInspect = Awaited<ReturnType<Dockerode.Image['inspect']>>;

async function inspectOrNull(docker: Dockerode, ref: string): Promise<ImageInspect | null> {
  try {
    return await docker.getImage(ref).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

/** The images behind `imageRefs` on A, and whether B has the same image id already. */
export async function imagesToSend(a: TransferHost, b: TransferHost, imageRefs: string[], signal?: AbortSignal): Promise<ImageToSend[]> {
  throwIfCancelled(signal, a, 'Looking up images');
  return Promise.all(
    [...new Set(imageRefs)].map(async (ref) => {
      const image = await inspectOrNull(a.docker, ref);
      if (!image) throw new CrossdockError('NOT_FOUND', `Image ${ref} is not on ${a.name}`, { host: a.name, image: ref });
      const onTarget = (await inspectOrNull(b.docker, image.Id)) !== null;
      return { ref, id: image.Id, bytes: image.Size, onTarget, architecture: image.Architecture };
    }),
  );
}

/** `repo:tag` of a reference that can be tagged (not an id, not a digest), `:latest` implied. */
export function taggableRef(ref: string): { repo: string; tag: string } | null {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref) || ref.includes('@')) return null;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repo: ref, tag: 'latest' };
}

/**
 * Sends the images B lacks: one `docker save` of all of them on A streamed into `docker load` on
 * B, over the route (direct: the data never passes through this computer). An image B already has
 * (same id) is not sent; it only gets the missing tag.
 *
 * Layers B already has: `docker load` on Docker 20.10 (the legacy tarexport loader, and the same
 * code in later versions without the containerd image store) looks each layer up by its chain id
 * and does not extract or store one it has, but the bytes still cross the wire. They are not
 * stripped from the stream: the legacy `docker save` format names layer files by v1 ids that only
 * the engine can compute (from Go's JSON of a v1 image config), so finding them means a second
 * full `docker save` on A. What is skipped is every image B already has as a whole.
 */
export async function sendImages(route: Route, imageRefs: string[], options: TransferOptions = {}): Promise<SendImagesResult> {
  const { from: a, to: b } = routeInternals(route);
  const images = await imagesToSend(a, b, imageRefs, options.signal);
  const missing = images.filter((image) => !image.onTarget);
  const skipped = images.filter((image) => image.onTarget);
  for (const image of skipped) await ensureTag(b, image);
  if (missing.length === 0) return { bytes: 0, sent: [], skipped: skipped.map((i) => i.ref) };

  const refs = missing.map((image) => image.ref);
  const totalBytes = [...new Map(missing.map((i) => [i.id, i.bytes])).values()].reduce((sum, n) => sum + n, 0);
  const item = refs.join(', ');
  options.log?.(`Sending ${refs.length} image(s) from ${a.name} to ${b.name} (${route.kind}): ${item}`);
  const result = await pipe(
    route,
    {
      what: `image(s) ${item}`,
      producer: `docker save ${refs.map(shQuote).join(' ')}`,
      consumer: 'docker load',
      noSpace: (stderr) =>
        new CrossdockError('NO_SPACE', `${b.name} ran out of disk space while loading image(s) ${item} (about ${totalBytes} bytes): ${stderr.trim().slice(-300)}`, {
          host: b.name,
          images: refs,
          needed: totalBytes,
        }),
    },
    { signal: options.signal, onBytes: (bytes) => options.onProgress?.({ kind: 'image', item, bytes, totalBytes }) },
  );
  for (const image of missing) {
    if (!(await inspectOrNull(b.docker, image.id))) {
      throw new CrossdockError('FAILED_PRECONDITION', `docker load on ${b.name} finished but image ${image.ref} (${image.id}) is not there: ${result.consumerStdout.trim().slice(-300)}`, {
        host: b.name,
        image: image.ref,
      });
    }
  }
  return { bytes: result.bytes, sent: refs, skipped: skipped.map((i) => i.ref) };
}

async function ensureTag(b: TransferHost, image: ImageToSend): Promise<void> {
  const wanted = taggableRef(image.ref);
  if (!wanted) return;
  const have = await inspectOrNull(b.docker, image.id);
  if (have?.RepoTags?.includes(`${wanted.repo}:${wanted.tag}`)) return;
  await b.docker.getImage(image.id).tag({ repo: wanted.repo, tag: wanted.tag });
}
