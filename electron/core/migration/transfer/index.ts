// The data-movement half of a migration: what the orchestration (plan, cutover, rollback)
// imports. Everything here moves data between two hosts; nothing decides what to migrate.
import type { HostRuntime } from '../../hosts/host-runtime.js';
import type { StoredHost } from '../../hosts/inventory.js';
import type {
  CopyVolumeOptions,
  CopyVolumeResult,
  ImageToSend,
  ManifestComparison,
  Route,
  RouteOptions,
  RouteProbe,
  SendImagesResult,
  TransferHost,
  TransferOptions,
  VolumeFacts,
} from './types.js';

export type * from './types.js';

const notYet = (what: string): never => {
  throw new Error(`${what}: not yet implemented`);
};

/** A host as a transfer end: commands (as the login user or as root), Docker, how others reach it. */
export function transferHostFor(_runtime: HostRuntime, _host: StoredHost, _signal?: AbortSignal): Promise<TransferHost> {
  return notYet('transferHostFor');
}

/** Whether data can flow directly from A to B, and why (for the plan). Leaves nothing behind. */
export function probeRoute(_a: TransferHost, _b: TransferHost, _options: RouteOptions): Promise<RouteProbe> {
  return notYet('probeRoute');
}

/**
 * Opens the route: direct (an ephemeral ed25519 key authorised on B for this migration only,
 * its private half on A next to a known_hosts pinning B's host key) or relayed through this
 * computer. Close it in a finally.
 */
export function openRoute(_a: TransferHost, _b: TransferHost, _options: RouteOptions): Promise<Route> {
  return notYet('openRoute');
}

/** Removes what a route of `migrationId` may have left (after a crash); idempotent. */
export function removeRouteLeftovers(_a: TransferHost, _b: TransferHost, _migrationId: string, _signal?: AbortSignal): Promise<void> {
  return notYet('removeRouteLeftovers');
}

/** The images behind `imageRefs` on A, with whether B has the same image id already. */
export function imagesToSend(_a: TransferHost, _b: TransferHost, _imageRefs: string[], _signal?: AbortSignal): Promise<ImageToSend[]> {
  return notYet('imagesToSend');
}

/** Sends the images B lacks (`docker save` on A → `docker load` on B), tags included. */
export function sendImages(_route: Route, _imageRefs: string[], _options?: TransferOptions): Promise<SendImagesResult> {
  return notYet('sendImages');
}

/** A volume's driver, labels, options, size and path count on `host`; NOT_FOUND if absent. */
export function volumeFacts(_host: TransferHost, _volume: string, _signal?: AbortSignal): Promise<VolumeFacts> {
  return notYet('volumeFacts');
}

/** Free bytes on the filesystem holding the engine's volumes (`<DockerRootDir>/volumes`). */
export function freeBytesForVolumes(_host: TransferHost, _signal?: AbortSignal): Promise<number> {
  return notYet('freeBytesForVolumes');
}

/** Throws NO_SPACE (naming host, volumes, needed and free bytes) when B cannot hold A's volumes. */
export function checkSpaceForVolumes(_a: TransferHost, _b: TransferHost, _volumes: string[], _signal?: AbortSignal): Promise<void> {
  return notYet('checkSpaceForVolumes');
}

/** Creates the volume on B with A's driver, labels and options, unless it exists. */
export function ensureVolume(_a: TransferHost, _b: TransferHost, _volume: string, _signal?: AbortSignal): Promise<void> {
  return notYet('ensureVolume');
}

/**
 * Copies a volume's files from A to B over the route (ensureVolume first).
 * - `bulk`: everything, while the container may still run; checks B's free space first
 *   (NO_SPACE), returns a marker taken before the copy started.
 * - `delta`: after the container stopped: what changed since `options.marker` (mtime or ctime),
 *   and deletes on B what no longer exists on A.
 */
export function copyVolume(_route: Route, _volume: string, _pass: 'bulk' | 'delta', _options?: CopyVolumeOptions): Promise<CopyVolumeResult> {
  return notYet('copyVolume');
}

/**
 * Compares the volume's manifests on A and B: per path its type, mode, owner, size, symlink
 * target and, for regular files, SHA-256 (computed on each host; no file data crosses here).
 */
export function compareManifests(_a: TransferHost, _b: TransferHost, _volume: string, _options?: TransferOptions): Promise<ManifestComparison> {
  return notYet('compareManifests');
}

/** Removes the volume on `host` (rollback); absent is fine. */
export function removeVolumeOn(_host: TransferHost, _volume: string, _signal?: AbortSignal): Promise<void> {
  return notYet('removeVolumeOn');
}
