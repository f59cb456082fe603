import { describe, expect, it } from 'vitest';
import {
  bytesOfLayersFrom,
  chainIds,
  filesFromManifest,
  heldChains,
  layerFilesToStrip,
  layersHeld,
  legacyLayerFiles,
  parseSaveManifest,
} from './image-layers.js';

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

// `docker save exp-derived:1 exp-base:1`: the base's top layer has another v1 id than the same
// layer under the derived image (it hashes the base's config), and its file is a symlink to the other.
const F = {
  busybox: 'f546b7f2db622398150d6eb958fa37b048f663b2d8d9015158d36e8d45f3051a/layer.tar',
  links: '31158d35e6aa8fb14a19abb26c270bdd9a3bdcfa7668c36852ea370cd96954e1/layer.tar',
  base: '0aab192b210dd954d185cee7d549e46acc14873b6a387df5e7b34bde8351a8b3/layer.tar',
  derived: '8cf8be4aceadfa538dda6234c91bc11c9fcbd0371ac027617c42c75dfdb4fea9/layer.tar',
  baseTop: 'd5d7c2b0223f991038052683833fe5b8dd60cacc076ff58b655222b98ece162a/layer.tar',
};
const DERIVED_ID = 'sha256:0f4cd8d2ec0bc7d5033caa612a7c62f059de0d13e05e36fca062389ddff60fb0';
const BASE_ID = 'sha256:c853e6cda971c27703052535b9ce23402a725bbb636280de86c46122505b3dc2';
const MANIFEST = JSON.stringify([
  {
    Config: `${DERIVED_ID.slice(7)}.json`,
    RepoTags: ['exp-derived:1'],
    Layers: [F.busybox, F.links, F.base, F.derived],
  },
  { Config: `${BASE_ID.slice(7)}.json`, RepoTags: ['exp-base:1'], Layers: [F.busybox, F.links, F.baseTop] },
]);

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

describe('layer file names of docker save', () => {
  it("are the engine's own for every layer but the top, computed from the diff ids", () => {
    expect(legacyLayerFiles(DERIVED_LAYERS)).toEqual([F.busybox, F.links, F.base, null]);
    expect(legacyLayerFiles(BASE_LAYERS)).toEqual([F.busybox, F.links, null]);
    expect(legacyLayerFiles([])).toEqual([]);
  });

  it('are read from manifest.json', () => {
    const saved = parseSaveManifest(MANIFEST);
    expect(saved[1]).toEqual({ config: `${BASE_ID.slice(7)}.json`, layers: [F.busybox, F.links, F.baseTop] });
    expect(
      filesFromManifest(saved, [
        { id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 },
        { id: BASE_ID, diffIds: BASE_LAYERS, held: 3 },
      ]),
    ).toEqual([
      { id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3, files: [F.busybox, F.links, F.base, F.derived] },
      { id: BASE_ID, diffIds: BASE_LAYERS, held: 3, files: [F.busybox, F.links, F.baseTop] },
    ]);
    expect(() => parseSaveManifest('{"Config": 1}')).toThrow();
  });

  it('from manifest.json, say why when the archive is not what is expected', () => {
    const saved = parseSaveManifest(MANIFEST);
    expect(filesFromManifest(saved, [{ id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 }])).toEqual({
      reason: expect.stringContaining('none of the images'),
    });
    expect(filesFromManifest(saved.slice(0, 1), [{ id: DERIVED_ID, diffIds: BASE_LAYERS, held: 3 }])).toEqual({
      reason: expect.stringContaining('lists 4 layers'),
    });
    const oci = [
      {
        config: `${DERIVED_ID.slice(7)}.json`,
        layers: ['blobs/sha256/aa', 'blobs/sha256/bb', 'blobs/sha256/cc', 'blobs/sha256/dd'],
      },
    ];
    expect(filesFromManifest(oci, [{ id: DERIVED_ID, diffIds: DERIVED_LAYERS, held: 3 }])).toEqual({
      reason: expect.stringContaining('legacy'),
    });
  });
});

describe('layer files left out of a docker save archive', () => {
  const derived = (held: number, files: (string | null)[] = [F.busybox, F.links, F.base, F.derived]) => ({
    id: DERIVED_ID,
    diffIds: DERIVED_LAYERS,
    held,
    files,
  });
  const base = (held: number, files: (string | null)[] = [F.busybox, F.links, F.baseTop]) => ({
    id: BASE_ID,
    diffIds: BASE_LAYERS,
    held,
    files,
  });

  it('are the files of the layers the target holds', () => {
    expect(layerFilesToStrip([derived(3)])).toEqual({ files: [F.busybox, F.links, F.base], layers: 3 });
    expect(layerFilesToStrip([derived(0)])).toEqual({ files: [], layers: 0 });
  });

  it('keep every file of a layer one of the images still needs, symlinks and their target alike', () => {
    // The target holds the tiny image only: BASE (files base and baseTop, one a link to the other) is needed by both.
    expect(layerFilesToStrip([derived(2), base(2)])).toEqual({ files: [F.busybox, F.links], layers: 2 });
    // The same diff id held under one image but needed under another: kept.
    expect(layerFilesToStrip([derived(3), base(2)])).toEqual({ files: [F.busybox, F.links], layers: 2 });
  });

  it('keep a file whose name is not known; its layer counts as sent', () => {
    // Computed names: the top layers' are unknown. The target holds the base: its top file stays, the derived's file of that layer goes.
    const computed = [derived(3, legacyLayerFiles(DERIVED_LAYERS)), base(3, legacyLayerFiles(BASE_LAYERS))];
    expect(layerFilesToStrip(computed)).toEqual({ files: [F.busybox, F.links, F.base], layers: 2 });
    // The target holds every layer of the base, sent alone: all but the top go.
    expect(layerFilesToStrip([base(3, legacyLayerFiles(BASE_LAYERS))])).toEqual({
      files: [F.busybox, F.links],
      layers: 2,
    });
  });
});
