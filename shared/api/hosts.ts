import { z } from 'zod';
import type { Chunks, SchemaMap } from '../rpc/contract.js';
import type { HostInfo, HostKeyTrust, ShellChunk } from '../domain/hosts.js';
import { noArgs, type NoArgs } from './system.js';

export const hostName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-zA-Z0-9][\w.-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit');
/** A host by id or by name. */
export const hostRef = z.string().trim().min(1).max(100);
const fingerprint = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a SHA256 fingerprint looks like SHA256: followed by 43 base64 characters');

export type AddHostArgs =
  | {
      kind: 'ssh';
      name: string;
      address: string;
      port: number;
      user: string;
      keyId: string;
      trust?: HostKeyTrust | undefined;
    }
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
  /**
   * A login shell on an SSH host (or one command, when `command` is given: joined with spaces
   * and run by the login shell, as OpenSSH's `ssh HOST CMD` does), over the host's pooled
   * connection. With `tty` the session gets a pseudo-terminal of `cols` × `rows`. Streams output
   * until the shell exits; resolves with its exit code (128 + n when a signal ended it).
   */
  shell(
    args: {
      host: string;
      command?: string[] | undefined;
      tty: boolean;
      cols?: number | undefined;
      rows?: number | undefined;
      term?: string | undefined;
    },
    chunks?: Chunks<ShellChunk>,
  ): Promise<number>;
  /** Sends bytes (base64) to a shell session's standard input; `eof` closes it afterwards. */
  shellInput(args: { sessionId: string; base64: string; eof?: boolean | undefined }): Promise<void>;
  shellResize(args: { sessionId: string; cols: number; rows: number }): Promise<void>;
}

export const hostsSchemas: SchemaMap<HostsApi> = {
  list: noArgs,
  add: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ssh'),
      name: hostName,
      address: z
        .string()
        .trim()
        .min(1)
        .max(253)
        .regex(/^[^\s@/]+$/, 'an address is a host name or IP, without user@ or a path'),
      port: z.number().int().min(1).max(65535),
      user: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'not a valid user name'),
      keyId: z.string().min(1).max(100),
      trust: z.union([z.strictObject({ fingerprint }), z.strictObject({ firstUse: z.literal(true) })]).optional(),
    }),
    z.strictObject({ kind: z.literal('local'), name: hostName, socketPath: z.string().min(1).max(4096).optional() }),
  ]),
  remove: z.strictObject({ host: hostRef }),
  connect: z.strictObject({ host: hostRef }),
  trustHostKey: z.strictObject({ host: hostRef, fingerprint }),
  shell: z.strictObject({
    host: hostRef,
    command: z
      .array(z.string().max(64 * 1024))
      .min(1)
      .max(1024)
      .optional(),
    tty: z.boolean(),
    cols: z.number().int().min(1).max(1000).optional(),
    rows: z.number().int().min(1).max(1000).optional(),
    term: z
      .string()
      .regex(/^[\w.+-]{1,64}$/, 'a terminal type such as xterm-256color')
      .optional(),
  }),
  shellInput: z.strictObject({
    sessionId: z.string().min(1).max(100),
    base64: z
      .string()
      .max(256 * 1024)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    eof: z.boolean().optional(),
  }),
  shellResize: z.strictObject({
    sessionId: z.string().min(1).max(100),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
};
