/** What `images.pull` did on a host: the image's id there and how much came over the network. */
export interface ImagePullReport {
  /** Host name. */
  host: string;
  /** The reference as given (`postgres:16`). */
  image: string;
  /** `sha256:…` on the host after the pull. */
  id: string;
  /** Normalised registry host it came from (`docker.io` for Docker Hub). */
  registry: string;
  /** Layers of the image, as the engine's pull stream listed them. */
  layers: number;
  /** Of those, layers the host held already (not downloaded). */
  layersExisting: number;
  /**
   * Bytes downloaded (compressed, as the registry sends them), as the engine's stream counted them:
   * a layer small enough to come in one piece is reported done without a count.
   */
  bytes: number;
}

/** One target host of `images.send`. */
export interface ImageSendTarget {
  host: string;
  /** How the data went: straight from the source, or relayed through this computer, and why. */
  route: { kind: 'direct' | 'relay'; reason: string };
  /** False when the host had the same image id already (only its tag was added, if missing). */
  sent: boolean;
  /** Bytes that crossed the wire (the `docker save` stream less the layers left out). */
  bytes: number;
  /** The image's layers. */
  layers: number;
  /** Of those, the ones the host held already and that were left out of the stream. */
  layersHeld: number;
}

/** What `images.send` did: the image on the source and what each target received. */
export interface ImageSendReport {
  source: string;
  image: string;
  /** `sha256:…` on the source, and on every target after the send. */
  id: string;
  targets: ImageSendTarget[];
}

/** What `images.remove` did, as the engine reports it. */
export interface ImageRemoveReport {
  host: string;
  image: string;
  /** Tags removed. */
  untagged: string[];
  /** Image and layer ids deleted (empty when only a tag went: the image has other tags). */
  deleted: string[];
}
