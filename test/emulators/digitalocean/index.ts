/** The DigitalOcean API v2 wire emulator (README.md `## DigitalOcean`). */
export {
  startDigitalOceanEmulator,
  type DigitalOceanEmulator,
  type DigitalOceanEmulatorOptions,
} from './server.js';
