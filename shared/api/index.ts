import { z } from 'zod';
import type { Contract, EventFilters } from '../rpc/contract.js';
import type { JobInfo, JobLogLine } from '../domain/jobs.js';
import type { HostInfo } from '../domain/hosts.js';
import type { DockerChange } from '../domain/docker.js';
import type { VaultStatus } from '../domain/vault.js';
import { bootstrapSchemas, type BootstrapApi } from './bootstrap.js';
import { dockerSchemas, type DockerApi } from './docker.js';
import { machinesSchemas, providersSchemas, type MachinesApi, type ProvidersApi } from './machines.js';
import { migrationsSchemas, type MigrationsApi } from './migrations.js';
import type { MigrationProgress } from '../domain/migrations.js';
import { hostsSchemas, type HostsApi } from './hosts.js';
import { keysSchemas, type KeysApi } from './keys.js';
import { vaultSchemas, type VaultApi } from './vault.js';
import { jobsSchemas, type JobsApi } from './jobs.js';
import { systemSchemas, type SystemApi } from './system.js';
import { portsSchemas, workloadsSchemas, type PortsApi, type WorkloadsApi } from './workloads.js';
import { registriesSchemas, type RegistriesApi } from './registries.js';
import { pricesSchemas, type PricesApi } from './prices.js';
import { imagesSchemas, type ImagesApi } from './images.js';

/** The whole Crossdock API: one interface per domain. */
export interface CrossdockApi {
  system: SystemApi;
  jobs: JobsApi;
  hosts: HostsApi;
  vault: VaultApi;
  keys: KeysApi;
  docker: DockerApi;
  images: ImagesApi;
  bootstrap: BootstrapApi;
  providers: ProvidersApi;
  machines: MachinesApi;
  migrations: MigrationsApi;
  workloads: WorkloadsApi;
  ports: PortsApi;
  registries: RegistriesApi;
  prices: PricesApi;
}

/** The argument schema of every method; the server validates every call against it. */
export const crossdockContract: Contract<CrossdockApi> = {
  system: systemSchemas,
  jobs: jobsSchemas,
  hosts: hostsSchemas,
  vault: vaultSchemas,
  keys: keysSchemas,
  docker: dockerSchemas,
  images: imagesSchemas,
  bootstrap: bootstrapSchemas,
  providers: providersSchemas,
  machines: machinesSchemas,
  migrations: migrationsSchemas,
  workloads: workloadsSchemas,
  ports: portsSchemas,
  registries: registriesSchemas,
  prices: pricesSchemas,
};

/** Event streams a client may subscribe to, with their payloads. */
// A type alias rather than an interface so it satisfies EventMap's index signature.
export type CrossdockEvents = {
  /** A job started, moved, or ended. */
  'jobs.changed': JobInfo;
  /** A job wrote a log line. */
  'jobs.log': JobLogLine;
  /** A host's connection status changed. */
  'hosts.changed': HostInfo;
  /** A host was removed from the inventory (payload: its id). */
  'hosts.removed': { id: string };
  /** Something changed on a host's Docker engine. */
  'docker.changed': DockerChange;
  /** Bytes and rate of a running migration's image and volume passes. */
  'migrations.progress': MigrationProgress;
  /** The vault was created, unlocked, locked, or a secret stored or removed (payload: its new status). */
  'vault.changed': VaultStatus;
};

export const CROSSDOCK_EVENTS: readonly (keyof CrossdockEvents)[] = [
  'jobs.changed',
  'jobs.log',
  'hosts.changed',
  'hosts.removed',
  'docker.changed',
  'migrations.progress',
  'vault.changed',
];

/** Follow one job: its changes, its log lines, its migration's bytes. */
export type JobFilter = { jobId: string };
/** Follow one host. */
export type HostFilter = { hostId: string };

/** What a subscription to each event may be narrowed to (`client.subscribe('jobs.log', fn, { jobId })`). */
export type CrossdockEventFilters = {
  'jobs.changed': JobFilter;
  'jobs.log': JobFilter;
  'migrations.progress': JobFilter;
  'hosts.changed': HostFilter;
  'hosts.removed': HostFilter;
  'docker.changed': HostFilter;
};

const jobFilter = z.strictObject({ jobId: z.string().min(1).max(100) });
const hostFilter = z.strictObject({ hostId: z.string().min(1).max(100) });

/** The server applies these, so a client following one job receives only that job's frames. */
export const crossdockEventFilters: EventFilters<CrossdockEvents, CrossdockEventFilters> = {
  'jobs.changed': { schema: jobFilter, matches: (job, { jobId }) => job.id === jobId },
  'jobs.log': { schema: jobFilter, matches: (line, { jobId }) => line.jobId === jobId },
  'migrations.progress': { schema: jobFilter, matches: (progress, { jobId }) => progress.jobId === jobId },
  'hosts.changed': { schema: hostFilter, matches: (host, { hostId }) => host.id === hostId },
  'hosts.removed': { schema: hostFilter, matches: (removed, { hostId }) => removed.id === hostId },
  'docker.changed': { schema: hostFilter, matches: (change, { hostId }) => change.hostId === hostId },
};

export type { BootstrapApi, DockerApi, MachinesApi, ProvidersApi, HostsApi, JobsApi, KeysApi, SystemApi, VaultApi };
export type { AddHostArgs } from './hosts.js';
export type { AddProviderArgs } from './machines.js';
export type { MigrationsApi, MigrationPlanArgs, MigrationStartArgs } from './migrations.js';
export type { WorkloadsApi, PortsApi, ComposeInput } from './workloads.js';
export { projectName, secretName } from './workloads.js';
export type { RegistriesApi } from './registries.js';
export type { ImagesApi } from './images.js';
export { imageRef } from './images.js';
export { registryName } from './registries.js';
export { DOCKER_HUB, isLoopbackRegistry, normalizeRegistry, registryOfImage } from './registry-name.js';
export { noArgs, type NoArgs } from './system.js';
