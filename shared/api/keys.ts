import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { SshConfigHost, SshKeyInfo } from '../domain/keys.js';
import { noArgs, type NoArgs } from './system.js';

export const keyName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.@-]+$/, 'use letters, digits, ".", "_", "-" or "@"');

/** SSH keys. Private keys go into the vault and never come back out through the API. */
export interface KeysApi {
  list(args: NoArgs): Promise<SshKeyInfo[]>;
  /**
   * Imports a private key (ed25519, RSA or ECDSA; OpenSSH or PEM), from its text or from a file
   * the core reads. An encrypted key needs `passphrase` (else KEY_PASSPHRASE_REQUIRED).
   */
  import(args: {
    name: string;
    privateKey?: string | undefined;
    path?: string | undefined;
    passphrase?: string | undefined;
  }): Promise<SshKeyInfo>;
  /** Generates a new ed25519 key pair. */
  generate(args: { name: string }): Promise<SshKeyInfo>;
  remove(args: { id: string }): Promise<void>;
  /** Hosts from ~/.ssh/config, as suggestions for adding hosts. */
  sshConfigHosts(args: NoArgs): Promise<SshConfigHost[]>;
}

export const keysSchemas: SchemaMap<KeysApi> = {
  list: noArgs,
  import: z
    .strictObject({
      name: keyName,
      privateKey: z
        .string()
        .min(1)
        .max(64 * 1024)
        .optional(),
      path: z.string().min(1).max(4096).optional(),
      passphrase: z.string().max(1024).optional(),
    })
    .refine((a) => (a.privateKey === undefined) !== (a.path === undefined), 'give exactly one of privateKey or path'),
  generate: z.strictObject({ name: keyName }),
  remove: z.strictObject({ id: z.string().min(1).max(100) }),
  sshConfigHosts: noArgs,
};
