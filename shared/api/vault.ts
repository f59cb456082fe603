import { z } from 'zod';
import type { SchemaMap } from '../rpc/contract.js';
import type { VaultStatus } from '../domain/vault.js';
import { noArgs, type NoArgs } from './system.js';

const passphrase = z.string().min(1).max(1024);

/**
 * The secrets vault. It holds SSH private keys and cloud credentials, encrypted; none of these
 * methods returns secret material. CLI and web mode unlock it from `CROSSDOCK_PASSPHRASE`.
 */
export interface VaultApi {
  status(args: NoArgs): Promise<VaultStatus>;
  /** Creates the vault protected by a passphrase (first run). */
  initialize(args: { passphrase: string }): Promise<VaultStatus>;
  unlock(args: { passphrase: string }): Promise<VaultStatus>;
  /**
   * Creates the vault protected by the system keychain instead of a passphrase (desktop app only;
   * the CLI and web mode cannot open such a vault).
   */
  initializeWithKeychain(args: NoArgs): Promise<VaultStatus>;
  unlockWithKeychain(args: NoArgs): Promise<VaultStatus>;
  lock(args: NoArgs): Promise<VaultStatus>;
  changePassphrase(args: { current: string; next: string }): Promise<VaultStatus>;
}

export const vaultSchemas: SchemaMap<VaultApi> = {
  status: noArgs,
  initialize: z.strictObject({ passphrase }),
  unlock: z.strictObject({ passphrase }),
  initializeWithKeychain: noArgs,
  unlockWithKeychain: noArgs,
  lock: noArgs,
  changePassphrase: z.strictObject({ current: passphrase, next: passphrase }),
};
