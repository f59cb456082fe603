import type { Contract } from '../rpc/contract.js';
import type { JobInfo, JobLogLine } from '../domain/jobs.js';
import type { HostInfo } from '../domain/hosts.js';
import { hostsSchemas, type HostsApi } from './hosts.js';
import { jobsSchemas, type JobsApi } from './jobs.js';
import { systemSchemas, type SystemApi } from './system.js';

/** The whole Crossdock API: one interface per domain. */
export interface CrossdockApi {
  system: SystemApi;
  jobs: JobsApi;
  hosts: HostsApi;
}

/** The argument schema of every method; the server validates every call against it. */
export const crossdockContract: Contract<CrossdockApi> = {
  system: systemSchemas,
  jobs: jobsSchemas,
  hosts: hostsSchemas,
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
};

export const CROSSDOCK_EVENTS: readonly (keyof CrossdockEvents)[] = ['jobs.changed', 'jobs.log', 'hosts.changed'];

export type { HostsApi, JobsApi, SystemApi };
export { noArgs, type NoArgs } from './system.js';
