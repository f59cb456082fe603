/** Hetzner Cloud provider: see hetzner-provider.ts. */
export { createHetznerProvider, type HetznerProviderOptions } from './hetzner-provider.js';
export { chooseHostKey } from './host-keys.js';
