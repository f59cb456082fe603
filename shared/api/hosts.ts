import type { SchemaMap } from '../rpc/contract.js';
import type { HostInfo } from '../domain/hosts.js';
import { noArgs, type NoArgs } from './system.js';

/** Docker hosts reached over SSH or the local socket. Adding hosts comes with the hosts issue. */
export interface HostsApi {
  /** Every host in the inventory. */
  list(args: NoArgs): Promise<HostInfo[]>;
}

export const hostsSchemas: SchemaMap<HostsApi> = {
  list: noArgs,
};
