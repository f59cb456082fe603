/** The Hetzner Cloud wire emulator (README.md `## Hetzner`). */
export { startHetznerEmulator, type HetznerEmulator, type HetznerEmulatorOptions } from './server.js';
