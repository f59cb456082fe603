/** Google Compute Engine provider: see gcp-provider.ts. */
export { createGcpProvider } from './gcp-provider.js';
export type { GcpProviderOptions } from './context.js';
export type { GcpApiEndpoint, ServiceAccountKey } from './clients.js';
export { hostKeyFingerprintsFromSerial, sha256Fingerprint } from './host-keys.js';
