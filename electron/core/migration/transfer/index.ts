// The data-movement half of a migration, as the orchestration (plan, cutover, rollback) uses it.
// Everything here moves data between two hosts; nothing decides what to migrate.
//
// A direct route runs one pipeline on the source, `producer | dd | ssh target consumer`
// (tar | … | tar for volumes, docker save | … | docker load for images), over one ssh login
// per route, AES-GCM offered first, no compression. Measured by hand between rig machines 4 and
// 5 (2 shared cores, load ~10; median of 5): a 192 MB volume 2.10 s against 2.56 s for a bare
// `tar | ssh | tar`; a 202 MB image 4.60 s against 4.95 s for `docker save | ssh | docker load`.
// Relayed through this computer: 2.67 s and 6.08 s. A delta pass after changing two files took
// 0.23 s against 2.59 s for the bulk pass. Raw ssh between those machines: aes128-gcm ~170 MB/s,
// chacha20-poly1305 (OpenSSH's first choice) ~90 MB/s.
export type * from './types.js';
export { transferHostFor } from './transfer-host.js';
export { openRoute, probeRoute, removeRouteLeftovers } from './route.js';
export { imagesToSend, sendImages } from './images.js';
export { checkSpaceForVolumes, ensureVolume, freeBytesForVolumes, removeVolumeOn, volumeFacts } from './volumes.js';
export { copyVolume } from './volume-copy.js';
export type { DirectoryInodes } from './moved-directories.js';
export {
  compareManifests,
  currentManifest,
  snapshotManifests,
  type CurrentManifest,
  type ManifestSnapshots,
} from './manifest.js';
