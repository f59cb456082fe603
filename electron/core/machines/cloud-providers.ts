import { CrossdockError } from '../../../shared/index.js';
// Types only: the provider modules (and the SDKs behind them) are imported when first used.
import type { AwsCredentials, AwsProviderOptions } from '../providers/aws/index.js';
import type { DigitalOceanProviderOptions } from '../providers/digitalocean/index.js';
import type { GcpProviderOptions, ServiceAccountKey } from '../providers/gcp/index.js';
import type { HetznerProviderOptions } from '../providers/hetzner/index.js';
import type { OsFamily, Provider } from '../providers/provider.js';
import { lazyProvider } from './lazy-provider.js';

/** A cloud provider as saved in the store (its credentials are in the vault, under {@link providerSecretId}). */
export interface StoredProvider {
  id: string;
  name: string;
  kind: 'gcp' | 'aws' | 'hetzner' | 'digitalocean';
  /** Region (EC2, DigitalOcean), default zone (GCE) or default location (Hetzner). */
  region: string;
  /** EC2: the login user per OS when the account's images authorise the key for another user than the official AMIs do. */
  sshUserByOs?: Partial<Record<OsFamily, string>> | undefined;
  /** A custom API endpoint (a private gateway, or the test emulators); null for the provider's own. */
  endpoint: string | null;
  createdAt: string;
}

export function providerSecretId(id: string): string {
  return `provider/${id}`;
}

export function parseServiceAccount(text: string, name: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The credentials for ${name} are not a service-account JSON key file`,
      { provider: name },
    );
  }
  const key = json as Partial<ServiceAccountKey> & { type?: string };
  if (key.type !== 'service_account' || !key.project_id || !key.client_email || !key.private_key) {
    throw new CrossdockError(
      'INVALID_ARGUMENT',
      `The credentials for ${name} must be a service-account key (type, project_id, client_email, private_key)`,
      { provider: name },
    );
  }
  return key as ServiceAccountKey;
}

export function parseAwsCredentials(text: string, name: string): AwsCredentials {
  const value = JSON.parse(text) as Partial<{ accessKeyId: string; secretAccessKey: string; profile: string }>;
  if (value.profile) return { profile: value.profile };
  if (value.accessKeyId && value.secretAccessKey)
    return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey };
  throw new CrossdockError(
    'INVALID_ARGUMENT',
    `The credentials for ${name} need an access key id and secret, or a profile`,
    { provider: name },
  );
}

/**
 * Builds the SDK-backed provider from its saved settings and its secret (as stored in the vault).
 * The secret is checked now; the SDK is loaded on the provider's first call.
 */
export function buildCloudProvider(stored: Omit<StoredProvider, 'id' | 'createdAt'>, secret: string): Provider {
  const endpoint = stored.endpoint ? new URL(stored.endpoint) : null;
  if (stored.kind === 'aws') {
    const options: AwsProviderOptions = {
      name: stored.name,
      region: stored.region,
      credentials: parseAwsCredentials(secret, stored.name),
      ...(stored.endpoint ? { endpoint: stored.endpoint } : {}),
      ...(stored.sshUserByOs ? { sshUserByOs: stored.sshUserByOs } : {}),
    };
    return lazyProvider('aws', async () => (await import('../providers/aws/index.js')).createAwsProvider(options));
  }
  if (stored.kind === 'hetzner') {
    // The vault holds the bare API token.
    const options: HetznerProviderOptions = {
      name: stored.name,
      location: stored.region,
      token: secret,
      ...(stored.endpoint ? { endpoint: stored.endpoint } : {}),
    };
    return lazyProvider('hetzner', async () =>
      (await import('../providers/hetzner/index.js')).createHetznerProvider(options),
    );
  }
  if (stored.kind === 'digitalocean') {
    // The vault holds the bare token.
    const options: DigitalOceanProviderOptions = {
      name: stored.name,
      region: stored.region,
      token: secret,
      ...(stored.endpoint ? { endpoint: stored.endpoint } : {}),
    };
    return lazyProvider('digitalocean', async () =>
      (await import('../providers/digitalocean/index.js')).createDigitalOceanProvider(options),
    );
  }
  const options: GcpProviderOptions = {
    name: stored.name,
    zone: stored.region,
    serviceAccountJson: parseServiceAccount(secret, stored.name),
    ...(endpoint
      ? {
          apiEndpoint: {
            host: endpoint.hostname,
            port: Number(endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443)),
            protocol: endpoint.protocol.replace(':', '') as 'http' | 'https',
          },
        }
      : {}),
  };
  return lazyProvider('gcp', async () => (await import('../providers/gcp/index.js')).createGcpProvider(options));
}
