import type { WireError } from '../errors.js';

/** What to move: one container, or every container of a compose project, on a host. */
export type MigrationSource = { host: string; container: string } | { host: string; project: string };

/** A container of the migration, as found on the source host. */
export interface PlannedContainer {
  id: string;
  name: string;
  /** The image reference the container was created from (`Config.Image`). */
  image: string;
  /** `sha256:…` of the image the container runs. */
  imageId: string;
  running: boolean;
  /** Ready on the target means healthy by its healthcheck (true) or running for N seconds (false). */
  hasHealthcheck: boolean;
  /** Published ports, e.g. `8080/tcp` (or `127.0.0.1:8080/tcp`). */
  ports: string[];
  /** Named (and anonymous) volumes it mounts; their data moves. */
  volumes: string[];
  /** Host paths it bind-mounts; kept as binds, never copied (they must exist on the target). */
  binds: string[];
  /** Networks it is attached to. */
  networks: string[];
  /** How stopping it on the source goes (the stop wait is downtime). */
  stop: ContainerStop;
}

/**
 * How Docker stops a container (`Config.StopSignal`, `Config.StopTimeout`): the signal first,
 * then SIGKILL if it has not exited after `timeoutSeconds`. Docker's defaults are SIGTERM and 10 s.
 */
export interface ContainerStop {
  signal: string;
  /** null: Docker waits for it to exit, with no time limit (a negative StopTimeout). */
  timeoutSeconds: number | null;
}

/** An image the migration needs on the target, as found on the source. */
export interface PlannedImage {
  ref: string;
  /** `sha256:…` on the source. */
  id: string;
  /** Size on the source (uncompressed, as `docker image inspect` reports it). */
  bytes: number;
  /** The target already has this image id: nothing is sent. */
  onTarget: boolean;
  /** `amd64`, `arm64`, … */
  architecture: string;
  /** Its layers (RootFS.Layers on the source). */
  layers: number;
  /** How many of them, from the bottom, the target holds (same chain id): those are not sent. All when onTarget. */
  layersOnTarget: number;
  /**
   * Bytes of the layers the target lacks (0 when onTarget): from `docker history` sizes on the
   * source, exact unless a layer has size 0, then at most too high; file bytes, not tar bytes.
   */
  bytesToSend: number;
}

export interface PlannedVolume {
  name: string;
  driver: string;
  bytes: number;
  files: number;
}

export interface PlannedNetwork {
  name: string;
  driver: string;
  /** False: the migration creates it on the target (and removes it again on rollback). */
  existsOnTarget: boolean;
}

/** How long the migration should take, from the bytes to move and a transfer rate. */
export interface MigrationEstimate {
  bytesPerSecond: number;
  /** `measured`: the rate of the last migration between these hosts; `assumed`: a default. */
  basis: 'measured' | 'assumed';
  transferMs: number;
  /**
   * The longest stopping the source's running containers can take (their stop timeouts, one
   * after another, for processes that ignore the stop signal); null when one has no time limit.
   */
  stopWaitMs: number | null;
  /** The containers are stopped for: stop (with its whole wait) + delta pass + checksum verify + start + ready. */
  downtimeMs: number;
}

/**
 * Everything a migration will do, computed without changing anything. `blockers` lists what
 * stops it (PORT_CONFLICT, NO_SPACE, an architecture mismatch, a name taken on the target…);
 * `migrations.start` refuses with the first of them.
 */
export interface MigrationPlan {
  source: { hostId: string; hostName: string; kind: 'container' | 'project'; name: string };
  target: { hostId: string; hostName: string; architecture: string };
  containers: PlannedContainer[];
  images: PlannedImage[];
  /** Bytes of the image layers the target lacks (the sum of the images' bytesToSend). */
  imageBytesToSend: number;
  volumes: PlannedVolume[];
  volumeBytes: number;
  networks: PlannedNetwork[];
  /** Free bytes where the target keeps volumes, and what the volumes need. */
  space: { freeBytes: number; neededBytes: number };
  architecture: { source: string[]; target: string; match: boolean };
  /** Published ports already held on the target, as `host:port/proto holder`. */
  portConflicts: string[];
  /** `direct`: the source streams to the target over SSH; `relay`: through this computer. */
  route: { kind: 'direct' | 'relay'; reason: string };
  estimate: MigrationEstimate;
  blockers: WireError[];
  /** Things that will not move as they are (e.g. random published ports), for the user to know. */
  warnings: string[];
}

/** What a checksum comparison of the volumes found. */
export interface ManifestCheck {
  match: boolean;
  /** Paths compared across all volumes. */
  files: number;
  /** `volume: path: what differs` (at most the first 100). */
  differences: string[];
}

/** The result of a migration job (`JobInfo.result`), also what `crossdock migrate --json` prints. */
export interface MigrationOutcome {
  id: string;
  plan: MigrationPlan;
  /** Bytes streamed per kind. */
  bytes: { images: number; volumes: number };
  /** From stopping the source containers to the target's being ready. */
  downtimeMs: number;
  durationMs: number;
  manifest: ManifestCheck;
  route: { kind: 'direct' | 'relay'; reason: string };
  /** The containers now running on the target. */
  containers: { name: string; id: string }[];
  /** What became of the source containers: stopped and renamed (or removed with removeSource). */
  source: { containers: { id: string; name: string; renamedTo: string | null }[]; removed: boolean };
}

/**
 * `interrupted`: the process running it ended midway (crash, kill, quit); it can be resumed or
 * rolled back. `failed`: it failed and rolling back did not finish either (see the error); roll
 * back again once the hosts answer.
 */
export type MigrationState =
  | 'planned'
  | 'running'
  | 'rolling-back'
  | 'completed'
  | 'failed-rolled-back'
  | 'failed'
  | 'interrupted';

/** One step as the journal recorded it. */
export interface MigrationStepRecord {
  name: string;
  state: 'started' | 'done' | 'failed';
  startedAt: string;
  endedAt: string | null;
  detail: string | null;
}

/** A migration as listed from its journal. */
export interface MigrationRecord {
  id: string;
  /** The job running (or that last ran) it. */
  jobId: string;
  state: MigrationState;
  /** `host/container` or `host/project:P`. */
  source: string;
  target: string;
  createdAt: string;
  updatedAt: string;
  /** The last step recorded. */
  step: string | null;
  steps: MigrationStepRecord[];
  error: WireError | null;
  outcome: MigrationOutcome | null;
  canResume: boolean;
  canRollback: boolean;
}

/** Live progress of a migration's data passes (event `migrations.progress`, a few per second at most). */
export interface MigrationProgress {
  migrationId: string;
  jobId: string;
  step: string;
  kind: 'image' | 'volume';
  item: string;
  pass: 'bulk' | 'delta' | null;
  bytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
}
