import {
  FirewallsClient,
  GlobalOperationsClient,
  ImagesClient,
  InstancesClient,
  MachineTypesClient,
  ZoneOperationsClient,
  ZonesClient,
} from '@google-cloud/compute';

/** The fields of a Google service-account key file Crossdock uses. */
export interface ServiceAccountKey {
  project_id: string;
  client_email: string;
  private_key: string;
  /** Absent in older key files, which all belong to googleapis.com. */
  universe_domain?: string;
}

/** Where to reach Compute instead of Google's own endpoint (an emulator or a private gateway). */
export interface GcpApiEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** The Compute clients one provider uses, all built from the same options. */
export interface GcpClients {
  project: string;
  instances: InstancesClient;
  zoneOperations: ZoneOperationsClient;
  globalOperations: GlobalOperationsClient;
  firewalls: FirewallsClient;
  images: ImagesClient;
  machineTypes: MachineTypesClient;
  zones: ZonesClient;
}

/** What the generated clients' constructors accept. */
type ClientOptions = NonNullable<ConstructorParameters<typeof InstancesClient>[0]>;

/**
 * Typed SDK options: the key's own universe (the SDK refuses a credential from another universe)
 * and, with an endpoint, google-gax's REST fallback pointed at it (`protocol` is read by
 * fallback.js). Only the client email and private key are passed, so nothing else in a key file
 * (token_uri and friends) changes where credentials go.
 */
export function clientOptions(key: ServiceAccountKey, endpoint?: GcpApiEndpoint): ClientOptions {
  const universeDomain = key.universe_domain ?? 'googleapis.com';
  const options: ClientOptions = {
    universeDomain,
    projectId: key.project_id,
    credentials: { client_email: key.client_email, private_key: key.private_key, universe_domain: universeDomain },
  };
  if (endpoint) {
    options.apiEndpoint = endpoint.host;
    options.port = endpoint.port;
    options.protocol = endpoint.protocol;
  }
  return options;
}

/** Builds the clients once per provider; they load protos lazily on first call (~3 s). */
export function createGcpClients(key: ServiceAccountKey, endpoint?: GcpApiEndpoint): GcpClients {
  const options = clientOptions(key, endpoint);
  return {
    project: key.project_id,
    instances: new InstancesClient(options),
    zoneOperations: new ZoneOperationsClient(options),
    globalOperations: new GlobalOperationsClient(options),
    firewalls: new FirewallsClient(options),
    images: new ImagesClient(options),
    machineTypes: new MachineTypesClient(options),
    zones: new ZonesClient(options),
  };
}
