import { stopWaitMs, type ContainerStop, type MigrationEstimate, type NamedStop } from '../../../shared/index.js';

/** Used until a migration between the two hosts has been measured: a modest WAN rate. */
export const ASSUMED_BYTES_PER_SECOND = 20 * 1024 * 1024;
/** SHA-256 over files on both hosts at once, for the checksum verify. */
const HASH_BYTES_PER_SECOND = 150 * 1024 * 1024;
/** Listing both ends again for the verify (it hashes again only what changed since the checksums step). */
const LIST_MS = 500;
/** Share of the volume data assumed to change between the bulk pass and the stop. */
const DELTA_SHARE = 0.05;
/** The stop requests themselves, over the source's connection (the wait for the processes comes on top). */
const STOP_MS = 1_000;
const START_MS = 1_000;
/** Waiting for a healthcheck to pass: the app's start (the migration runs the check right away). */
const HEALTHY_BY_CHECK_MS = 3_000;

export interface EstimateInput {
  imageBytes: number;
  volumeBytes: number;
  /** The running containers, stopped and started (none: nothing runs, so no downtime). */
  running: NamedStop[];
  anyHealthcheck: boolean;
  healthySeconds: number;
  measuredBytesPerSecond: number | null;
}

/** Docker's defaults for a container that sets neither (`docker stop` without `-t`). */
export const DEFAULT_STOP: ContainerStop = { signal: 'SIGTERM', timeoutSeconds: 10 };

/** How Docker stops a container, from its inspect's Config (a negative StopTimeout: no limit). */
export function containerStop(config: {
  StopSignal?: string | undefined;
  StopTimeout?: number | null | undefined;
}): ContainerStop {
  const timeout = config.StopTimeout;
  return {
    signal: config.StopSignal || DEFAULT_STOP.signal,
    timeoutSeconds:
      timeout === undefined || timeout === null ? DEFAULT_STOP.timeoutSeconds : timeout < 0 ? null : timeout,
  };
}

/**
 * A rough estimate, honest about its basis: transfer time from the bytes and a rate (measured on
 * the last migration between these hosts, or assumed); downtime as stop (the requests, and the
 * whole stop timeout of each container, for a process that ignores its stop signal) + delta pass
 * (a small share of the volume data) + checksum verify of what changed (listing, and hashing that
 * share again) + start + ready. A stop without a time limit adds nothing it could bound: the
 * plan's text says so.
 */
export function estimateMigration(input: EstimateInput): MigrationEstimate {
  const rate =
    input.measuredBytesPerSecond && input.measuredBytesPerSecond > 0
      ? input.measuredBytesPerSecond
      : ASSUMED_BYTES_PER_SECOND;
  const basis = input.measuredBytesPerSecond && input.measuredBytesPerSecond > 0 ? 'measured' : 'assumed';
  const transferMs = Math.round(((input.imageBytes + input.volumeBytes) / rate) * 1000);
  if (input.running.length === 0)
    return { bytesPerSecond: Math.round(rate), basis, transferMs, stopWaitMs: 0, downtimeMs: 0 };
  const stopWait = stopWaitMs(input.running);
  const deltaMs = ((input.volumeBytes * DELTA_SHARE) / rate) * 1000;
  const verifyMs = LIST_MS + ((input.volumeBytes * DELTA_SHARE) / HASH_BYTES_PER_SECOND) * 1000;
  const readyMs = input.anyHealthcheck ? HEALTHY_BY_CHECK_MS : input.healthySeconds * 1000;
  return {
    bytesPerSecond: Math.round(rate),
    basis,
    transferMs,
    stopWaitMs: stopWait,
    downtimeMs: Math.round(STOP_MS + (stopWait ?? 0) + deltaMs + verifyMs + START_MS + readyMs),
  };
}
