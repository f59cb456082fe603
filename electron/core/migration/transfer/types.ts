import type Dockerode from 'dockerode';
import type { PlannedImage } from '../../../../shared/index.js';
import type { Readable } from 'node:stream';
import type { ExecResult, RemoteProcess } from '../../ssh/remote-exec.js';
import type { DirectoryInodes } from './moved-directories.js';

export type { ExecResult, RemoteProcess };

/** Options of a command run on a transfer host. */
export interface HostExecOptions {
  /** Sent to the command's stdin, then end of file (none: stdin is closed at once). */
  stdin?: string | Buffer | Readable | undefined;
  /** Aborting ends the command (CANCELLED). */
  signal?: AbortSignal | undefined;
}

/** How another host reaches this one over SSH (null for the local engine). */
export interface SshReach {
  address: string;
  port: number;
  /** The login user of the Crossdock host; the ephemeral key is authorised for this user. */
  user: string;
  /**
   * The host key Crossdock pinned for it (`SHA256:…`). The source host scans the key at
   * `address:port` and accepts only one with this fingerprint, so it talks to the same machine.
   */
  hostKeyFingerprint: string;
}

/**
 * One end of a transfer: a Crossdock host seen as "somewhere to run shell commands and Docker".
 * Commands are POSIX `sh` command lines run as the login user; {@link TransferHost.asRoot} wraps
 * one so it runs as root (root login, or `sudo -n` — a sudo password is not supported here).
 */
export interface TransferHost {
  /** Inventory id (`local` for this computer's engine). */
  id: string;
  /** Crossdock host name, used in messages. */
  name: string;
  /** True for the engine on this computer: commands run through child_process. */
  local: boolean;
  /** Runs a command and collects its output (a non-zero exit code is a result, not an error). */
  exec(command: string, options?: HostExecOptions): Promise<ExecResult>;
  /** Runs a command and streams it; read both outputs, or it never ends. */
  spawn(command: string, options?: HostExecOptions): Promise<RemoteProcess>;
  /** `command` as a command line that runs it as root. */
  asRoot(command: string): string;
  /** The host's engine (over its pooled SSH connection, or the local socket). */
  docker: Dockerode;
  /** How other hosts reach it directly; null when they cannot (the local engine). */
  ssh: SshReach | null;
  /** How commands become root here: a root login, `sudo -n`, or not at all (volume data then cannot move). */
  privilege: 'root' | 'sudo' | null;
}

/** Progress of one item of a transfer; `bytes` so far (of the stream, not of the disk). */
export interface TransferProgress {
  kind: 'image' | 'volume';
  /** Image reference or volume name. */
  item: string;
  pass?: 'bulk' | 'delta';
  bytes: number;
  /** Expected size when known (the image's size, the volume's used bytes); a stream may differ a little. */
  totalBytes?: number;
}

export interface TransferOptions {
  signal?: AbortSignal | undefined;
  /** Called at least every few seconds while data flows. */
  onProgress?: ((progress: TransferProgress) => void) | undefined;
  /** Human-readable log lines for the job log (never key material). */
  log?: ((line: string) => void) | undefined;
}

export interface RouteOptions {
  /** Names the ephemeral key (its comment on the target) and the temporary files on the source. */
  migrationId: string;
  /** Relay through this computer even when the source could reach the target. */
  forceRelay?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** How data will flow: straight from the source to the target, or through this computer, and why. */
export interface RouteProbe {
  kind: 'direct' | 'relay';
  /** Why this kind: e.g. "crossdock-docker-4 reaches root@10.213.0.105:22 over SSH" or why not. */
  reason: string;
}

/** An open route between the source and the target. Close it in every case (finally); closing twice is fine. */
export interface Route extends RouteProbe {
  readonly migrationId: string;
  readonly from: TransferHost;
  readonly to: TransferHost;
  /** Removes the ephemeral key from the target's authorized_keys and its files on the source (idempotent). */
  close(): Promise<void>;
}

export interface SendImagesOptions extends TransferOptions {
  /**
   * Name the layer files to leave out from a first `docker save` on the source even where Crossdock
   * can compute them (Docker 20.10), so tests cover that way too.
   */
  layerNamesFromEngine?: boolean | undefined;
}

export interface SendImagesResult {
  /** Bytes that crossed the wire (the `docker save` stream, less the layers left out). */
  bytes: number;
  /** References sent. */
  sent: string[];
  /** References skipped because the target has the same image id. */
  skipped: string[];
  /** Layers of the sent images left out of the stream because the target holds them (0: sent whole). */
  layersSkipped: number;
  /** The images as looked up before sending: their layers and what the target held of them. */
  images: PlannedImage[];
}

/** A volume as found on a host. */
export interface VolumeFacts {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** Bytes used by its files (`du`). */
  bytes: number;
  /** Number of paths (files, directories, links) below the mountpoint. */
  files: number;
  mountpoint: string;
}

export interface CopyVolumeOptions extends TransferOptions {
  /** Delta pass: the marker the bulk pass (or the last delta pass while running) returned. */
  marker?: string | undefined;
  /** Delta pass: the directories the last pass returned (to find directories moved since). */
  dirs?: DirectoryInodes | undefined;
  /**
   * Delta pass while the volume's container still runs (a catch-up before the stop): files may
   * change or vanish as they are read, and a new marker is taken first for the next pass.
   */
  running?: boolean | undefined;
}

export interface CopyVolumeResult {
  /** Bytes streamed (of the tar stream). */
  bytes: number;
  /**
   * Bulk pass: a timestamp on the source's clock taken just before the copy started (a string to
   * keep in the journal; no file is left on the source). Delta pass: the same marker handed back,
   * or, while running, a new one taken before it (what the next delta pass copies from).
   */
  marker: string;
  /** The source's directories as this pass listed them, for the next pass (kept in memory, not journaled). */
  dirs: DirectoryInodes;
  /** Delta pass: paths deleted on the target because they no longer exist on the source (or changed type). */
  deleted?: number;
}

export interface ManifestComparison {
  match: boolean;
  /** Paths in the source's manifest. */
  files: number;
  /** One line per differing path: `path: what differs` (at most the first 100). */
  differences: string[];
  /** How many paths differ in all. */
  differenceCount: number;
}
