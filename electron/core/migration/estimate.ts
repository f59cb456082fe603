import type { MigrationEstimate } from '../../../shared/index.js';

/** Used until a migration between the two hosts has been measured: a modest WAN rate. */
export const ASSUMED_BYTES_PER_SECOND = 20 * 1024 * 1024;
/** SHA-256 over files on both hosts at once, for the checksum verify. */
const HASH_BYTES_PER_SECOND = 150 * 1024 * 1024;
/** Listing both ends again for the verify (it hashes again only what changed since the checksums step). */
const LIST_MS = 500;
/** Share of the volume data assumed to change between the bulk pass and the stop. */
const DELTA_SHARE = 0.05;
const STOP_MS = 2_000;
const START_MS = 1_000;
/** Waiting for a healthcheck to pass: the app's start (the migration runs the check right away). */
const HEALTHY_BY_CHECK_MS = 3_000;

export interface EstimateInput {
  imageBytes: number;
  volumeBytes: number;
  /** Containers to stop and start (0: nothing is running, so no downtime). */
  runningContainers: number;
  anyHealthcheck: boolean;
  healthySeconds: number;
  measuredBytesPerSecond: number | null;
}

/**
 * A rough estimate, honest about its basis: transfer time from the bytes and a rate (measured on
 * the last migration between these hosts, or assumed); downtime as stop + delta pass (a small
 * share of the volume data) + checksum verify of what changed (listing, and hashing that share
 * again) + start + ready.
 */
export function estimateMigration(input: EstimateInput): MigrationEstimate {
  const rate =
    input.measuredBytesPerSecond && input.measuredBytesPerSecond > 0
      ? input.measuredBytesPerSecond
      : ASSUMED_BYTES_PER_SECOND;
  const basis = input.measuredBytesPerSecond && input.measuredBytesPerSecond > 0 ? 'measured' : 'assumed';
  const transferMs = Math.round(((input.imageBytes + input.volumeBytes) / rate) * 1000);
  if (input.runningContainers === 0) return { bytesPerSecond: Math.round(rate), basis, transferMs, downtimeMs: 0 };
  const deltaMs = ((input.volumeBytes * DELTA_SHARE) / rate) * 1000;
  const verifyMs = LIST_MS + ((input.volumeBytes * DELTA_SHARE) / HASH_BYTES_PER_SECOND) * 1000;
  const readyMs = input.anyHealthcheck ? HEALTHY_BY_CHECK_MS : input.healthySeconds * 1000;
  return {
    bytesPerSecond: Math.round(rate),
    basis,
    transferMs,
    downtimeMs: Math.round(STOP_MS + deltaMs + verifyMs + START_MS + readyMs),
  };
}
