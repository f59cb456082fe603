import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { HostInfo, HostKeyTrust } from '../domain/hosts.js';
import { noArgs, type NoArgs } from './system.js';

export const hostName = z.string().trim().min(1).max(63).regex(/^[a-zA-Z0-9][\w.-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit');
/** A host by id or by name. */
export const hostRef = z.string().trim().min(1).max(100);
const fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a SHA256 fingerprint looks like SHA256: followed by 43 base64 characters');

export type AddHostArgs =
  | { kind: 'ssh'; name: string; address: string; port: number; user: string; keyId: string; trust?: HostKeyTrust | undefined }
  | { kind: 'local'; name: string; socketPath?: string | undefined };

/** Docker hosts reached over SSH or the local socket. */
export interface HostsApi {
  /** Every host in the inventory, with its connection status. */
  list(args: NoArgs): Promise<HostInfo[]>;
  /**
   * Adds a host after connecting to it once. An SSH host whose key is neither in known_hosts nor
   * trusted by `trust` fails with HOST_KEY_UNKNOWN, whose details carry the fingerprint to show
   * the user; call again with `trust: { fingerprint }` once they have confirmed it.
   */
  add(args: AddHostArgs): Promise<HostInfo>;
  remove(args: { host: string }): Promise<void>;
  /** Connects (or reconnects) now. */
  connect(args: { host: string }): Promise<HostInfo>;
  /**
   * Pins a new host key after the user has verified a legitimate change (a reinstalled server).
   * Logs in with exactly that fingerprint first: any other key is still refused.
   */
  trustHostKey(args: { host: string; fingerprint: string }): Promise<HostInfo>;
}

export const hostsSchemas: SchemaMap<HostsApi> = {
  list: noArgs,
  add: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ssh'),
      name: hostName,
      address: z.string().trim().min(1).max(253).regex(/^[^\s@/]+$/, 'an address is a host name or IP, without user@ or a path'),
      port: z.number().int().min(1).max(65535),
      user: z.string().trim().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'not a valid user name'),
      keyId: z.string().min(1).max(100),
      trust: z.union([z.strictObject({ fingerprint }), z.strictObject({ firstUse: z.literal(true) })]).optional(),
    }),
    z.strictObject({ kind: z.literal('local'), name: hostName, socketPath: z.string().min(1).max(4096).optional() }),
  ]),
  remove: z.strictObject({ host: hostRef }),
  connect: z.strictObject({ host: hostRef }),
  trustHostKey: z.strictObject({ host: hostRef, fingerprint }),
};
