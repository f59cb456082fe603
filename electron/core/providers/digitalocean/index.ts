/** DigitalOcean provider: see digitalocean-provider.ts. */
export { createDigitalOceanProvider, type DigitalOceanProviderOptions } from './digitalocean-provider.js';
