import type Dockerode from 'dockerode';
import { z } from 'zod';
import { CrossdockError, counted, pluralize, type PlannedImage } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import { layersLeftOut } from '../layers-left-out.js';
import { runBinary, throwIfCancelled } from './host-commands.js';
import {
  bytesOfLayersFrom,
  filesFromManifest,
  heldChains,
  layerFilesToStrip,
  layersHeld,
  legacyLayerFiles,
  parseSaveManifest,
  type ImageFiles,
  type ImageLayers,
} from './image-layers.js';
import { pipe, type PipeResult } from './pipe.js';
import { routeInternals } from './route.js';
import type { Route, SendImagesOptions, SendImagesResult, TransferHost } from './types.js';

type ImageInspect = Awaited<ReturnType<Dockerode.Image['inspect']>>;

async function inspectOrNull(docker: Dockerode, ref: string): Promise<ImageInspect | null> {
  try {
    return await docker.getImage(ref).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

/** An image on the source with its layers' diff ids (bottom first), which stay on this side of the API. */
interface FoundImage extends PlannedImage {
  diffIds: string[];
}

/** The images behind `imageRefs` on the source, whether the target has the same image id already, and which of their layers the target holds. */
export async function imagesToSend(
  source: TransferHost,
  target: TransferHost,
  imageRefs: string[],
  signal?: AbortSignal,
): Promise<PlannedImage[]> {
  return (await lookUpImages(source, target, imageRefs, signal)).map(({ diffIds: _diffIds, ...image }) => image);
}

async function lookUpImages(
  source: TransferHost,
  target: TransferHost,
  imageRefs: string[],
  signal?: AbortSignal,
): Promise<FoundImage[]> {
  throwIfCancelled(signal, source, 'Looking up images');
  const found = await Promise.all(
    [...new Set(imageRefs)].map(async (ref) => {
      const image = await inspectOrNull(source.docker, ref);
      if (!image)
        throw new CrossdockError('NOT_FOUND', `Image ${ref} is not on ${source.name}`, {
          host: source.name,
          image: ref,
        });
      const onTarget = (await inspectOrNull(target.docker, image.Id)) !== null;
      return {
        ref,
        id: image.Id,
        bytes: image.Size,
        architecture: image.Architecture,
        onTarget,
        diffIds: image.RootFS.Layers ?? [],
      };
    }),
  );
  const held = found.some((image) => !image.onTarget) ? await chainsHeldBy(target, signal) : new Set<string>();
  return Promise.all(
    found.map(async (image) => {
      const layersOnTarget = image.onTarget ? image.diffIds.length : layersHeld(image.diffIds, held);
      const bytesToSend = image.onTarget
        ? 0
        : layersOnTarget === 0
          ? image.bytes
          : await bytesOfMissingLayers(source, image, layersOnTarget);
      return { ...image, layers: image.diffIds.length, layersOnTarget, bytesToSend };
    }),
  );
}

// How many image inspections go to an engine at once (each is a request over the host's SSH connection).
const INSPECT_AT_ONCE = 8;

/** The layer chains the target's engine holds: every prefix of every image's layers there, intermediate images included. */
async function chainsHeldBy(target: TransferHost, signal?: AbortSignal): Promise<Set<string>> {
  const ids = (await target.docker.listImages({ all: true })).map((image) => image.Id);
  const layerLists: string[][] = [];
  for (let i = 0; i < ids.length; i += INSPECT_AT_ONCE) {
    throwIfCancelled(signal, target, 'Looking up image layers');
    // An image removed since the listing holds nothing.
    const batch = await Promise.all(ids.slice(i, i + INSPECT_AT_ONCE).map((id) => inspectOrNull(target.docker, id)));
    for (const image of batch) if (image) layerLists.push(image.RootFS.Layers ?? []);
  }
  return heldChains(layerLists);
}

const historySchema = z.array(z.object({ Size: z.number() }));

/** Bytes of the image's layers above the `held` the target has, from `docker history` on the source (see bytesOfLayersFrom for how exact); the whole image when history cannot tell. */
async function bytesOfMissingLayers(
  source: TransferHost,
  image: Pick<FoundImage, 'id' | 'bytes' | 'diffIds'>,
  held: number,
): Promise<number> {
  const history = historySchema.parse(await source.docker.getImage(image.id).history());
  const oldestFirst = history.map((entry) => entry.Size).reverse();
  return bytesOfLayersFrom(oldestFirst, image.diffIds.length, held, image.bytes) ?? image.bytes;
}

/** `repo:tag` of a reference that can be tagged (not an id, not a digest), `:latest` implied. */
export function taggableRef(ref: string): { repo: string; tag: string } | null {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref) || ref.includes('@')) return null;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repo: ref, tag: 'latest' };
}

/**
 * Sends the images the target lacks: one `docker save` of all of them on the source streamed into
 * `docker load` on the target, over the route (direct: the data never passes through this
 * computer). An image the target already has (same image id) is not sent; it only gets the missing
 * tag.
 *
 * Layers the target already holds are left out of the stream. Docker 20.10's `docker load` (the
 * legacy tarexport loader, also used by later versions without the containerd image store) looks
 * each layer up by chain id and opens its file only when the store lacks it, so an archive without
 * the held layers' files loads into the same image id (checked on the rig). The stream goes through
 * GNU `tar --delete` on the source, which works on a pipe, naming the files to drop. Legacy `docker
 * save` names them `<v1 id>/layer.tar`; on Docker 20.10 Crossdock computes the v1 ids of every
 * layer but an image's top one from the diff ids (legacyLayerFiles). When the target holds an
 * image's top layer too (the image differs from one the target has in its config only), or the
 * source runs another engine version, a first `docker save` on the source reads manifest.json
 * instead (local to the source, nothing on the wire, but it reads every layer once more). When the
 * target holds none, it is one plain `docker save` as before. Measured on the rig (Docker 20.10 on
 * vfs, machines 4 to 5, direct, load 5 to 7, three runs each): an image adding a 300 kB layer to a
 * 200 MB base the target holds put 327,680 bytes on the wire in 2.4 to 2.8 s with computed names,
 * 4.4 to 4.8 s with a first `docker save`, against 200,325,120 bytes in 4.7 to 5.5 s sent (nearly)
 * whole: `docker save` on the source, which reads every layer, is most of what remains.
 *
 * If the target loses a layer between the look-up and the load (an image removed there meanwhile),
 * its `docker load` cannot find the layer file; the images are then sent again whole, and the log
 * says so. Without GNU tar on the source, or with a `docker save` format other than the legacy one,
 * they are sent whole too, logged as well. A file to leave out that the archive lacks is an error:
 * the names were wrong.
 */
export async function sendImages(
  route: Route,
  imageRefs: string[],
  options: SendImagesOptions = {},
): Promise<SendImagesResult> {
  const { from: source, to: target } = routeInternals(route);
  const images = await lookUpImages(source, target, imageRefs, options.signal);
  const missing = images.filter((image) => !image.onTarget);
  const skipped = images.filter((image) => image.onTarget);
  for (const image of skipped) await ensureTag(target, image);
  const looked = images.map(({ diffIds: _diffIds, ...image }) => image);
  if (missing.length === 0)
    return { bytes: 0, sent: [], skipped: skipped.map((i) => i.ref), layersSkipped: 0, images: looked };

  const refs = missing.map((image) => image.ref);
  const unique = [...new Map(missing.map((i) => [i.id, i])).values()];
  const item = refs.join(', ');
  const strip = unique.some((image) => image.layersOnTarget > 0)
    ? await layerFilesTargetHolds(source, target, unique, refs, options)
    : null;
  const send = async (files: string[]): Promise<PipeResult> => {
    const totalBytes = unique.reduce((sum, i) => sum + (files.length > 0 ? i.bytesToSend : i.bytes), 0);
    const save = `docker save ${refs.map(shQuote).join(' ')}`;
    options.log?.(
      `Sending ${counted(refs.length, 'image')} from ${source.name} to ${target.name} (${route.kind}): ${item}${files.length > 0 ? `; ${layersLeftOut(strip?.layers ?? 0, target.name)} (files named ${strip?.computed ? 'from the diff ids' : 'by a first docker save'})` : ''}`,
    );
    return pipe(
      route,
      {
        what: `${pluralize(refs.length, 'image')} ${item}`,
        // tar fails on a stream that ends early or lacks a file to delete, so its status covers docker save's.
        producer: files.length > 0 ? `${save} | tar --delete -f - ${files.map(shQuote).join(' ')}` : save,
        consumer: 'docker load',
        noSpace: (stderr) =>
          new CrossdockError(
            'NO_SPACE',
            `${target.name} ran out of disk space while loading ${pluralize(refs.length, 'image')} ${item} (about ${totalBytes} bytes): ${stderr.trim().slice(-300)}`,
            {
              host: target.name,
              images: refs,
              needed: totalBytes,
            },
          ),
      },
      { signal: options.signal, onBytes: (bytes) => options.onProgress?.({ kind: 'image', item, bytes, totalBytes }) },
    );
  };
  let result: PipeResult;
  let layersSkipped = strip?.layers ?? 0;
  try {
    result = await send(strip?.files ?? []);
  } catch (error) {
    if (!strip || strip.files.length === 0 || !(error instanceof CrossdockError)) throw error;
    if (/Not found in archive/.test(error.message)) {
      throw new CrossdockError(
        strip.computed ? 'INTERNAL' : 'FAILED_PRECONDITION',
        strip.computed
          ? `The layer files Crossdock computed for Docker ${strip.engine} on ${source.name} are not in its docker save of ${item}; this is a Crossdock bug, please report it with this message: ${error.message}`
          : `docker save of ${item} on ${source.name} changed between two runs (an image re-tagged meanwhile?); start the migration again: ${error.message}`,
        { host: source.name, images: refs },
      );
    }
    if (!/layer\.tar: no such file or directory/.test(error.message)) throw error;
    options.log?.(
      `docker load on ${target.name} lacked a layer it held when looked up (an image removed there meanwhile?): ${error.message}. Sending ${item} again, whole`,
    );
    result = await send([]);
    layersSkipped = 0;
  }
  for (const image of missing) {
    if (!(await inspectOrNull(target.docker, image.id))) {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `docker load on ${target.name} finished but image ${image.ref} (${image.id}) is not there: ${result.consumerStdout.trim().slice(-300)}`,
        {
          host: target.name,
          image: image.ref,
        },
      );
    }
  }
  return { bytes: result.bytes, sent: refs, skipped: skipped.map((i) => i.ref), layersSkipped, images: looked };
}

/** The layer files to leave out and how they were named (`computed`: from diff ids, for Docker `engine`). */
interface Strip {
  files: string[];
  layers: number;
  computed: boolean;
  engine: string;
}

/**
 * The files of a `docker save` of `refs` on the source that hold layers the target has, or null
 * (send the images whole, with a log line saying why) when they cannot be left out.
 */
async function layerFilesTargetHolds(
  source: TransferHost,
  target: TransferHost,
  images: FoundImage[],
  refs: string[],
  options: SendImagesOptions,
): Promise<Strip | null> {
  const gnuTar = await source.exec('tar --version', { signal: options.signal });
  throwIfCancelled(options.signal, source, 'Looking at tar');
  if (gnuTar.exitCode !== 0 || !gnuTar.stdout.startsWith('tar (GNU tar)')) {
    options.log?.(
      `${source.name} has no GNU tar to leave out the layers ${target.name} holds; sending the images whole`,
    );
    return null;
  }
  const engine = ((await source.docker.version()) as { Version?: string }).Version ?? 'unknown';
  const layers = images.map((image) => ({ id: image.id, diffIds: image.diffIds, held: image.layersOnTarget }));
  // The computed names leave out the top layer's; they are only worth it when the target lacks every top layer.
  const computed =
    /^20\.10\./.test(engine) &&
    !options.layerNamesFromEngine &&
    images.every((image) => image.layersOnTarget < image.layers);
  const named = computed
    ? layers.map((image) => ({ ...image, files: legacyLayerFiles(image.diffIds) }))
    : await filesNamedByEngine(source, layers, refs, options);
  if ('reason' in named) {
    options.log?.(`Not leaving out the layers ${target.name} holds: ${named.reason}; sending the images whole`);
    return null;
  }
  return { ...layerFilesToStrip(named), computed, engine };
}

/** The layer files as a first `docker save` of `refs` on the source names them in its manifest.json (its bytes stay on the source). */
async function filesNamedByEngine(
  source: TransferHost,
  layers: ImageLayers[],
  refs: string[],
  options: SendImagesOptions,
): Promise<ImageFiles[] | { reason: string }> {
  const command = `docker save ${refs.map(shQuote).join(' ')} | tar -xOf - manifest.json`;
  const output = (
    await runBinary(
      source,
      source.asRoot(command),
      `Reading the layer files of ${pluralize(refs.length, 'image')} ${refs.join(', ')}`,
      {
        signal: options.signal,
      },
    )
  ).toString('utf8');
  try {
    return filesFromManifest(parseSaveManifest(output), layers);
  } catch (error) {
    return {
      reason: `the manifest.json of docker save on ${source.name} is not the one expected (${String(error).slice(0, 200)})`,
    };
  }
}

async function ensureTag(target: TransferHost, image: PlannedImage): Promise<void> {
  const wanted = taggableRef(image.ref);
  if (!wanted) return;
  const have = await inspectOrNull(target.docker, image.id);
  if (have?.RepoTags?.includes(`${wanted.repo}:${wanted.tag}`)) return;
  await target.docker.getImage(image.id).tag({ repo: wanted.repo, tag: wanted.tag });
}
