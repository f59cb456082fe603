/** AWS EC2 provider: see aws-provider.ts. */
export { createAwsProvider, type AwsProvider } from './aws-provider.js';
export type { AwsCredentials, AwsProviderOptions } from './options.js';
export { DEFAULT_SSH_USERS } from './images.js';
export { EC2_SIZE_PICKS } from './sizes.js';
