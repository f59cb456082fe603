import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { JobInfo } from '../domain/jobs.js';
import type { MachineInfo, ProviderInfo, RegionInfo, SizeInfo } from '../domain/providers.js';
import { hostName } from './hosts.js';
import { noArgs, type NoArgs } from './system.js';

const providerRef = z.string().trim().min(1).max(100);
const machineRef = z.string().trim().min(1).max(200);

export type AddProviderArgs =
  | { kind: 'gcp'; name: string; region: string; endpoint?: string | undefined; serviceAccountJson: string }
  /** Hetzner Cloud: a project's API token (read & write); `region` is the default location (fsn1). */
  | { kind: 'hetzner'; name: string; region: string; endpoint?: string | undefined; token: string }
  /** DigitalOcean: a personal access token (read and write); `region` is the default region (fra1). */
  | { kind: 'digitalocean'; name: string; region: string; endpoint?: string | undefined; token: string }
  | {
      kind: 'aws';
      name: string;
      region: string;
      endpoint?: string | undefined;
      /** An access key pair, or the name of a profile in ~/.aws on this computer. */
      credentials: { accessKeyId: string; secretAccessKey: string } | { profile: string };
      /** The login user per OS, when the account's images authorise the key for another user than the official AMIs. */
      sshUserByOs?: Partial<Record<'debian-12' | 'ubuntu-24.04' | 'rocky-9', string>> | undefined;
    };

/** Providers: the local sandbox (built in), AWS EC2, Google Compute Engine, Hetzner Cloud, DigitalOcean. */
export interface ProvidersApi {
  list(args: NoArgs): Promise<ProviderInfo[]>;
  /**
   * Adds a cloud account after a cheap read call proves the credentials (PROVIDER_AUTH_FAILED
   * otherwise, and nothing is saved). The credentials go to the vault only. `endpoint` points the
   * SDK at another API endpoint (a private gateway; the test emulators).
   */
  add(args: AddProviderArgs): Promise<ProviderInfo>;
  remove(args: { provider: string }): Promise<void>;
  regions(args: { provider: string }): Promise<RegionInfo[]>;
  /** Sizes with normalised vCPU, memory, architecture and hourly price where known. */
  sizes(args: { provider: string; region?: string | undefined }): Promise<SizeInfo[]>;
}

/** Vendor-neutral machines: create (as a job: create → SSH ready → bootstrap), list, start, stop, destroy. */
export interface MachinesApi {
  list(args: NoArgs): Promise<MachineInfo[]>;
  /** Starts a job whose result is the MachineInfo of a bootstrapped machine, listed as a host. */
  create(args: {
    name: string;
    provider: string;
    size: string;
    os: 'debian-12' | 'ubuntu-24.04' | 'rocky-9';
    region?: string | undefined;
    openPorts: number[];
  }): Promise<JobInfo>;
  start(args: { machine: string }): Promise<MachineInfo>;
  stop(args: { machine: string }): Promise<MachineInfo>;
  /** Destroys the machine on its provider and removes its host from Crossdock. */
  remove(args: { machine: string }): Promise<void>;
}

export const providersSchemas: SchemaMap<ProvidersApi> = {
  list: noArgs,
  add: z.discriminatedUnion('kind', [
    z.strictObject({
      name: hostName,
      kind: z.literal('gcp'),
      region: z.string().trim().min(1).max(100),
      endpoint: z.url({ protocol: /^https?$/ }).optional(),
      serviceAccountJson: z
        .string()
        .min(2)
        .max(64 * 1024),
    }),
    z.strictObject({
      name: hostName,
      kind: z.literal('aws'),
      region: z
        .string()
        .trim()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region looks like eu-west-1'),
      endpoint: z.url({ protocol: /^https?$/ }).optional(),
      credentials: z.union([
        z.strictObject({
          accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'not an AWS access key id'),
          secretAccessKey: z.string().min(16).max(256),
        }),
        z.strictObject({ profile: z.string().min(1).max(100) }),
      ]),
      sshUserByOs: z
        .partialRecord(z.enum(['debian-12', 'ubuntu-24.04', 'rocky-9']), z.string().min(1).max(32))
        .optional(),
    }),
    z.strictObject({
      name: hostName,
      kind: z.literal('hetzner'),
      region: z
        .string()
        .trim()
        .regex(/^[a-z]{2,4}\d?$/, 'a Hetzner location looks like fsn1, nbg1, hel1, ash, hil or sin'),
      endpoint: z.url({ protocol: /^https?$/ }).optional(),
      token: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9]{32,128}$/, 'a Hetzner API token is 64 letters and digits'),
    }),
    z.strictObject({
      name: hostName,
      kind: z.literal('digitalocean'),
      region: z
        .string()
        .trim()
        .regex(/^[a-z]{3}\d$/, 'a DigitalOcean region looks like fra1, ams3, nyc3 or sgp1'),
      endpoint: z.url({ protocol: /^https?$/ }).optional(),
      token: z
        .string()
        .trim()
        .regex(
          /^(dop_v1_[0-9a-f]{64}|[0-9a-f]{64})$/,
          'a DigitalOcean token is dop_v1_ followed by 64 hexadecimal digits',
        ),
    }),
  ]),
  remove: z.strictObject({ provider: providerRef }),
  regions: z.strictObject({ provider: providerRef }),
  sizes: z.strictObject({ provider: providerRef, region: z.string().min(1).max(100).optional() }),
};

export const machinesSchemas: SchemaMap<MachinesApi> = {
  list: noArgs,
  create: z.strictObject({
    name: hostName,
    provider: providerRef,
    size: z.string().trim().min(1).max(100),
    os: z.enum(['debian-12', 'ubuntu-24.04', 'rocky-9']),
    region: z.string().trim().min(1).max(100).optional(),
    openPorts: z.array(z.number().int().min(1).max(65535)).max(100),
  }),
  start: z.strictObject({ machine: machineRef }),
  stop: z.strictObject({ machine: machineRef }),
  remove: z.strictObject({ machine: machineRef }),
};
