import { createHash } from 'node:crypto';
import type { ServiceSpec } from '../compose/compose-model.js';

/** What a service's container is made from, beyond its spec: names resolved for this project. */
export interface ServiceContext {
  /** The container environment after env_file and interpolation. */
  environment: Record<string, string>;
  /** Network key → name on the host. */
  networkNames: Record<string, string>;
  /** Volume key → name on the host. */
  volumeNames: Record<string, string>;
}

/**
 * The `com.docker.compose.config-hash` of a service: SHA-256 of its normalised configuration
 * (keys sorted, environment resolved, resource names resolved). A redeploy recreates a service
 * only when this changes. Secret values are not part of it (a hash of a short password could be
 * guessed from a label: `forceRecreate` applies a changed value); ports moved by --auto-ports are not either, so the next deploy of the
 * same file keeps them.
 */
export function configHash(service: ServiceSpec, context: ServiceContext): string {
  const networks = Object.keys(service.networks).map((key) => context.networkNames[key] ?? key);
  // Fields that only shape the create request (an empty options object or not) stay out, so a
  // file hashes as it did before they existed and an unchanged redeploy recreates nothing.
  const volumes = service.volumes.map(({ volumeOptions: _, ...m }) =>
    m.type === 'volume' && m.source ? { ...m, source: context.volumeNames[m.source] ?? m.source } : m,
  );
  const aliases = Object.fromEntries(
    Object.entries(service.networks).map(([key, { configured: _, ...network }]) => [key, network]),
  );
  const normalised = {
    ...service,
    environment: context.environment,
    envFiles: undefined,
    // How the image gets to the host is not the container's configuration (a rebuilt image
    // changes the image id, which recreates the container by itself).
    pullPolicy: undefined,
    build: undefined,
    // Which profiles enable a service says whether it runs, not how.
    profiles: undefined,
    networks: { names: networks, aliases },
    volumes,
    // Absent when the file sets none of them, so such a file hashes as before they were supported.
    options: Object.keys(service.options ?? {}).length > 0 ? service.options : undefined,
  };
  return createHash('sha256').update(canonicalJson(normalised)).digest('hex');
}

/** JSON with object keys sorted at every level, undefined dropped: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
