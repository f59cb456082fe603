/** The GCE wire emulator: see README.md `## GCE`. */
export { startGceEmulator, type GceEmulator, type GceEmulatorOptions } from './server.js';
export type { ServiceAccountJson } from './oauth.js';
export { signRs256, verifyRs256 } from './jwt.js';
