// The options a user gives for one AWS account (with a default region), and the SDK clients
// built from them. `endpoint` is plain SDK endpoint configuration (a VPC endpoint, a FIPS endpoint, a
// local stand-in); nothing else in the provider depends on where the calls go.
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { OsFamily } from '../provider.js';

/** Static keys, or a profile from ~/.aws/config and ~/.aws/credentials. */
export type AwsCredentials =
  | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { profile: string };

/** How to reach one AWS account in one region. */
export interface AwsProviderOptions {
  /** The user's name for this account, used in error messages (`AWS (work) refused …`). */
  name: string;
  /** The default region: machines whose spec names no region go there. Others are reached on demand. */
  region: string;
  credentials: AwsCredentials;
  /** A custom API endpoint (SDK `endpoint`); EC2 and SSM are both sent there. */
  endpoint?: string;
  /**
   * The login user per OS when the images used authorise the key pair for another user than
   * the official AMIs do (see DEFAULT_SSH_USERS). Stored on each instance as a tag.
   */
  sshUserByOs?: Partial<Record<OsFamily, string>>;
  /** How long hostKeyFingerprints waits for cloud-init's key block on the console (ms). */
  hostKeyTimeoutMs?: number;
  /** The longest pause between two polls of an instance's state (ms). */
  maxPollIntervalMs?: number;
}

/** The SDK clients of one provider; destroy() frees their sockets. */
export interface AwsClients {
  ec2: EC2Client;
  ssm: SSMClient;
  destroy(): void;
}

/** Builds the EC2 and SSM clients for the options. */
export function createAwsClients(options: AwsProviderOptions): AwsClients {
  const { credentials } = options;
  const config = {
    region: options.region,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    // The SDK resolves a named profile itself (config `profile`), including SSO and role chains.
    ...('profile' in credentials ? { profile: credentials.profile } : { credentials }),
  };
  const ec2 = new EC2Client(config);
  const ssm = new SSMClient(config);
  return { ec2, ssm, destroy: () => (ec2.destroy(), ssm.destroy()) };
}

/** The clients of every region a provider has worked in. */
export interface RegionalClients {
  /** The region's clients, made on first use and kept. */
  in(region: string): AwsClients;
  destroy(): void;
}

/**
 * Clients per region, made on demand: EC2 and SSM are regional services (the SDK signs for,
 * and by default sends to, the client's region), and most providers only ever use one or two.
 */
export function regionalClients(options: AwsProviderOptions): RegionalClients {
  const byRegion = new Map<string, AwsClients>();
  return {
    in(region) {
      let clients = byRegion.get(region);
      if (!clients) byRegion.set(region, (clients = createAwsClients({ ...options, region })));
      return clients;
    },
    destroy() {
      for (const clients of byRegion.values()) clients.destroy();
      byRegion.clear();
    },
  };
}
