import { describe, expect, it } from 'vitest';
import { bytesOfLayersFrom, chainIds, heldChains, layerFilesToStrip, layersHeld, parseSaveManifest } from './image-layers.js';

// Diff ids, chain ids (as named in /var/lib/docker/image/vfs/layerdb/sha256/), history sizes and
// a manifest.json taken from Docker 20.10 on a rig machine: crossdock-test-tiny (busybox, then a
// layer of symlinks with size 0), a base adding a 20 MB layer, and a derived image adding 100 kB.
const BUSYBOX = 'sha256:708e8e59c9168ad55a490456fe99e7dc66caca981ac0e400d6e8438f04c40734';
const LINKS = 'sha256:a551317dc5c5240d1908c9d3c8ff2e2dbf97507a983b41ff7a2718a5eada123d';
const BASE = 'sha256:6fc174b50e89efdd266491b59fe0412b56d2690154f51257cb8e2ec86d960793';
const DERIVED = 'sha256:78e5993d1a654ef506bd7e6755324b0a4a09ef89998491ab01731f88e7f570b4';
const TINY_LAYERS = [BUSYBOX, LINKS];
const BASE_LAYERS = [BUSYBOX, LINKS, BASE];
const DERIVED_LAYERS = [BUSYBOX, LINKS, BASE, DERIVED];
// `docker history` of the derived image, oldest first: COPY busybox, RUN --install, CMD, LABEL, RUN (base), ENV, RUN (derived), LABEL.
const DERIVED_HISTORY = [1982256, 0, 0, 0, 20000000, 0, 100008, 0];
const DERIVED_SIZE = 22082264;

const v1 = (c: string): string => `${c.repeat(64)}/layer.tar`;
const MANIFEST = JSON.stringify([
  { Config: `${'d'.repeat(64)}.json`, RepoTags: ['exp-derived:1'], Layers: [v1('1'), v1('2'), v1('3'), v1('4')] },
  // The base's top layer has another v1 id than the same layer under the derived image (it holds the base's config); `docker save` made it a symlink.
  { Config: `${'b'.repeat(64)}.json`, RepoTags: ['exp-base:1'], Layers: [v1('1'), v1('2'), v1('5')] },
]);
const DERIVED_ID = `sha256:${'d'.repeat(64)}`;
const BASE_ID = `sha256:${'b'.repeat(64)}`;

describe('chain ids', () => {
  it('are the diff id for the bottom layer, then hashes of parent and diff id, as the engine names them', () => {
    expect(chainIds(BASE_LAYERS)).toEqual([
      BUSYBOX,
      'sha256:8dcd9ee0adf385c192f88aa6ee22ec5b95cb9d672546f091987cd9db3ca8677b',
      'sha256:1647b8bbbb856767096b968146a137771baaf01aafa783ece3011099058a9b7f',
    ]);
    expect(chainIds([])).toEqual([]);
  });
});

describe('layers the target holds', () => {
  it('is the longest prefix some image there starts with', () => {
    expect(layersHeld(DERIVED_LAYERS, heldChains([TINY_LAYERS]))).toBe(2);
    expect(layersHeld(DERIVED_LAYERS, heldChains([TINY_LAYERS, BASE_LAYERS]))).toBe(3);
    expect(layersHeld(DERIVED_LAYERS, heldChains([DERIVED_LAYERS]))).toBe(4);
    expect(layersHeld(DERIVED_LAYERS, heldChains([]))).toBe(0);
  });

  it('needs the same parents, not only the same diff ids', () => {
    // The target has BASE's diff id, but on top of nothing: another layer in its store.
    expect(layersHeld(DERIVED_LAYERS, heldChains([[BASE], [LINKS], [BUSYBOX, BASE]]))).toBe(1);
  });
});

describe('bytes of the layers the target lacks, from docker history', () => {
  it('counts the layers from the first missing one', () => {
    expect(bytesOfLayersFrom(DERIVED_HISTORY, 4, 0, DERIVED_SIZE)).toBe(DERIVED_SIZE);
    expect(bytesOfLayersFrom(DERIVED_HISTORY, 4, 3, DERIVED_SIZE)).toBe(100008);
    expect(bytesOfLayersFrom(DERIVED_HISTORY, 4, 4, DERIVED_SIZE)).toBe(0);
  });

  it('counts a size it cannot place for sure (a layer of size 0 lies before it) as missing', () => {
    // 4 layers, 3 non-zero entries: the 20 MB entry is layer 1 or 2. With only the bottom 2 held it may be missing.
    expect(bytesOfLayersFrom(DERIVED_HISTORY, 4, 2, DERIVED_SIZE)).toBe(20100008);
    // With one held, the busybox entry (layer 0 or 1) may be missing too.
    expect(bytesOfLayersFrom(DERIVED_HISTORY, 4, 1, DERIVED_SIZE)).toBe(DERIVED_SIZE);
  });

  it('is exact when no layer has size 0', () => {
    expect(bytesOfLayersFrom([10, 0, 20, 0, 30], 3, 1, 60)).toBe(50);
    expect(bytesOfLayersFrom([10, 0, 20, 0, 30], 3, 2, 60)).toBe(30);
  });

  it('gives up when history does not describe the layers', () => {
    expect(bytesOfLayersFrom([10, 20, 30], 2, 1, 60)).toBeNull();
    expect(bytesOfLayersFrom([10, 20], 2, 1, 60)).toBeNull();
  });
});

describe('layer files left out of a docker save archive', () => {
  const saved = parseSaveManifest(MANIFEST);

  it('reads manifest.json', () => {
    expect(saved[1]).toEqual({ config: `${'b'.repeat(64)}.json`, layers: [v1('1'), v1('2'), v1('5')] });
    expect(() => parseSaveManifest('{"Config": 1}')).toThrow();
  });

  it('leaves out the files of layers the target holds', () => {
    expect(layerFilesToStrip(saved.slice(0, 1), [{ id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 }])).toEqual({ files: [v1('1'), v1('2'), v1('3')], layers: 3 });
    expect(layerFilesToStrip(saved.slice(0, 1), [{ id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 0 }])).toEqual({ files: [], layers: 0 });
  });

  it('keeps every file of a layer one of the images still needs, symlinks and their target alike', () => {
    // Target holds the tiny image only: BASE (files 3 and 5, one a link to the other) is needed by both images.
    const images = [
      { id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 2 },
      { id: BASE_ID, diffIds: BASE_LAYERS, held: 2 },
    ];
    expect(layerFilesToStrip(saved, images)).toEqual({ files: [v1('1'), v1('2')], layers: 2 });
    // The same diff id held under one image but needed under another (other parents): kept.
    const other = [
      { id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 },
      { id: BASE_ID, diffIds: BASE_LAYERS, held: 2 },
    ];
    expect(layerFilesToStrip(saved, other)).toEqual({ files: [v1('1'), v1('2')], layers: 2 });
  });

  it('says why when the archive is not what it expects', () => {
    expect(layerFilesToStrip(saved, [{ id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 }])).toEqual({ reason: expect.stringContaining('none of the images') });
    expect(layerFilesToStrip(saved.slice(0, 1), [{ id: DERIVED_ID, diffIds: BASE_LAYERS, held: 3 }])).toEqual({ reason: expect.stringContaining('lists 4 layers') });
    const oci = [{ config: `${'d'.repeat(64)}.json`, layers: ['blobs/sha256/aa', 'blobs/sha256/bb', 'blobs/sha256/cc', 'blobs/sha256/dd'] }];
    expect(layerFilesToStrip(oci, [{ id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 }])).toEqual({ reason: expect.stringContaining('legacy') });
  });
});
