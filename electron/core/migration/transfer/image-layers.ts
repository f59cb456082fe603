// Which image layers the target already holds, and which layer files of a `docker save` archive
// can therefore be left out. Pure logic; images.ts runs the commands.
//
// An engine's layer store is keyed by chain id: a layer is the same layer only on the same
// parents. Docker 20.10's `docker load` looks each layer of an image up by chain id and opens
// the layer file only when the store lacks it (checked on the rig: an archive without the
// layer.tar files of held layers loads, and gives the same image id).
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Chain ids of every prefix of `diffIds` (RootFS.Layers, bottom first): ChainID(L0) = L0, ChainID(Ln) = sha256(ChainID(Ln-1) + " " + Ln). */
export function chainIds(diffIds: readonly string[]): string[] {
  const chains: string[] = [];
  for (const diffId of diffIds) {
    const parent = chains.at(-1);
    chains.push(
      parent === undefined ? diffId : `sha256:${createHash('sha256').update(`${parent} ${diffId}`).digest('hex')}`,
    );
  }
  return chains;
}

/** The chains an engine holds, from the RootFS.Layers of its images (each image holds every prefix of its layers). */
export function heldChains(layerLists: readonly (readonly string[])[]): Set<string> {
  return new Set(layerLists.flatMap((layers) => chainIds(layers)));
}

/** How many of `diffIds`, from the bottom, the engine holding `held` has: the length of the longest held prefix. */
export function layersHeld(diffIds: readonly string[], held: ReadonlySet<string>): number {
  const chains = chainIds(diffIds);
  let count = 0;
  while (count < chains.length && held.has(chains[count] as string)) count += 1;
  return count;
}

/**
 * Bytes of an image's layers from index `from` up (the ones the target lacks), from `docker
 * history` sizes (oldest first) and the image's layer count. History has an entry per build
 * step, and steps that made no layer (ENV, CMD…) have size 0; but a real layer can also have
 * size 0 (one holding only symlinks or directories), and the API does not say which is which.
 * A non-zero entry is always a layer; with Z zero-size layers, the j-th non-zero entry is layer
 * j to j+Z. Entries that could be a missing layer are counted, so the figure is exact when no
 * layer has size 0 and at most too high otherwise. Sizes are of the files (DiffSize), not of
 * the layer tar (headers and padding add a little). Null when history cannot describe these
 * layers (more non-zero entries than layers, or sizes that do not add up to the image's).
 */
export function bytesOfLayersFrom(
  historySizes: readonly number[],
  layerCount: number,
  from: number,
  imageBytes: number,
): number | null {
  const sizes = historySizes.filter((size) => size > 0);
  if (sizes.length > layerCount || sizes.reduce((sum, size) => sum + size, 0) !== imageBytes) return null;
  const zeroLayers = layerCount - sizes.length;
  return sizes.reduce((sum, size, j) => (j + zeroLayers >= from ? sum + size : sum), 0);
}

const saveManifestSchema = z.array(z.object({ Config: z.string(), Layers: z.array(z.string()) }));

/** One image of a `docker save` archive: its config file name and its layer files, bottom first. */
export interface SavedImage {
  config: string;
  layers: string[];
}

/** The archive's manifest.json. */
export function parseSaveManifest(text: string): SavedImage[] {
  return saveManifestSchema.parse(JSON.parse(text)).map((entry) => ({ config: entry.Config, layers: entry.Layers }));
}

/** An image to send: its id (`sha256:…`), diff ids, and how many of them the target holds. */
export interface ImageLayers {
  id: string;
  diffIds: readonly string[];
  held: number;
}

/** An image in a `docker save` archive: its layers' files, bottom first (null: name not known). */
export interface ImageFiles extends ImageLayers {
  files: readonly (string | null)[];
}

// The zero container config as Go marshals Docker 20.10's container.Config (fields without omitempty, in order).
const ZERO_CONTAINER_CONFIG = {
  Hostname: '',
  Domainname: '',
  User: '',
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  Env: null,
  Cmd: null,
  Image: '',
  Volumes: null,
  WorkingDir: '',
  Entrypoint: null,
  OnBuild: null,
  Labels: null,
};

/**
 * The files legacy `docker save` of Docker 20.10 writes an image's layers to, bottom first:
 * `<v1 id>/layer.tar`. For every layer but the top, the v1 id is the SHA-256 of a v1 image config
 * with only `created` at the epoch, plus `layer_id` (the chain id) and `parent` (the layer below's
 * v1 id), as Go marshals it (keys sorted); that depends on the layers alone (moby's
 * image/tarexport saveImage and image/v1 CreateID; checked against the engine's own names on the
 * rig). The top layer's also hashes the image's whole config as Go writes it, so it is null here.
 */
export function legacyLayerFiles(diffIds: readonly string[]): (string | null)[] {
  let parent: string | null = null;
  return chainIds(diffIds).map((layerId, i) => {
    if (i === diffIds.length - 1) return null;
    const v1 = {
      container_config: ZERO_CONTAINER_CONFIG,
      created: '1970-01-01T00:00:00Z',
      layer_id: layerId,
      ...(parent !== null ? { parent } : {}),
    };
    const id = createHash('sha256').update(JSON.stringify(v1)).digest('hex');
    parent = `sha256:${id}`;
    return `${id}/layer.tar`;
  });
}

// Legacy `docker save` (Docker before 25) names layer files `<v1 id>/layer.tar`.
const LEGACY_LAYER_FILE = /^[0-9a-f]{64}\/layer\.tar$/;

/** The images of an archive's manifest.json with their files, or why they do not fit the images asked for. */
export function filesFromManifest(
  saved: readonly SavedImage[],
  images: readonly ImageLayers[],
): ImageFiles[] | { reason: string } {
  const byConfig = new Map(images.map((image) => [`${image.id.replace(/^sha256:/, '')}.json`, image]));
  const found: ImageFiles[] = [];
  for (const entry of saved) {
    const image = byConfig.get(entry.config);
    if (!image) return { reason: `the archive holds ${entry.config}, which is none of the images asked for` };
    if (entry.layers.length !== image.diffIds.length)
      return {
        reason: `the archive lists ${entry.layers.length} layers for ${image.id}, which has ${image.diffIds.length}`,
      };
    const odd = entry.layers.find((file) => !LEGACY_LAYER_FILE.test(file));
    if (odd !== undefined)
      return { reason: `layer file ${odd} is not named <v1 id>/layer.tar (not the legacy docker save format)` };
    found.push({ ...image, files: entry.layers });
  }
  return found;
}

/**
 * The layer files to delete from the archive, and how many layers are left out whole. A layer
 * goes only when every use of it is held by the target. Uses are grouped by diff id, not by file:
 * `docker save` writes a layer's content once and makes later files of the same diff id symlinks
 * to the first, so a held layer's file may be the target of a link a missing layer needs. A file
 * whose name is not known stays (its layer is then counted as sent); the target's `docker load`
 * does not open the files of layers it holds, so what stays of a held layer is only bytes.
 */
export function layerFilesToStrip(images: readonly ImageFiles[]): { files: string[]; layers: number } {
  const uses = new Map<string, { files: Set<string | null>; needed: boolean }>();
  for (const image of images) {
    image.diffIds.forEach((diffId, i) => {
      const use = uses.get(diffId) ?? { files: new Set<string | null>(), needed: false };
      use.files.add(image.files[i] ?? null);
      if (i >= image.held) use.needed = true;
      uses.set(diffId, use);
    });
  }
  const held = [...uses.values()].filter((use) => !use.needed);
  const files = new Set(held.flatMap((use) => [...use.files].filter((file): file is string => file !== null)));
  return { files: [...files], layers: held.filter((use) => !use.files.has(null)).length };
}
