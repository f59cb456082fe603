// The data-movement half of a migration, as the orchestration (plan, cutover, rollback) uses it.
// Everything here moves data between two hosts; nothing decides what to migrate.
//
// Throughput, measured by hand between rig machines 4 and 5 (see the transfer helper's report):
// the direct route is one `tar | dd | ssh | tar` (or `docker save | dd | ssh | docker load`)
// pipeline on A, with AES-GCM offered first and compression off.
export type * from './types.js';
export { transferHostFor } from './transfer-host.js';
export { openRoute, probeRoute, removeRouteLeftovers } from './route.js';
export { imagesToSend, sendImages } from './images.js';
export { checkSpaceForVolumes, ensureVolume, freeBytesForVolumes, removeVolumeOn, volumeFacts } from './volumes.js';
export { copyVolume } from './volume-copy.js';
export { compareManifests } from './manifest.js';
