import { CrossdockError } from '../../../shared/errors.js';
import type { Logger } from '../log/logger.js';
import type { EarlyDerivation } from './early-derivation.js';
import type { Vault } from './vault.js';

/** The variable the CLI and web mode read the vault passphrase from (no window to type it into). */
export const PASSPHRASE_ENV = 'CROSSDOCK_PASSPHRASE';

/** What {@link unlockFromEnv} did. */
export type UnlockFromEnvOutcome = 'not-set' | 'already-unlocked' | 'initialized' | 'unlocked';

/**
 * Opens the vault with `CROSSDOCK_PASSPHRASE` when it is set: creates the vault on first run,
 * otherwise unlocks it. A wrong or too-short passphrase throws rather than leaving a headless
 * process running with a vault it can never open. The passphrase is registered with the logger
 * first, so no later log line can carry it.
 */
export async function unlockFromEnv(
  vault: Vault,
  env: NodeJS.ProcessEnv = process.env,
  logger?: Logger,
  early?: EarlyDerivation | null,
): Promise<UnlockFromEnvOutcome> {
  const passphrase = env[PASSPHRASE_ENV];
  if (!passphrase) return 'not-set';
  logger?.addSecret(passphrase);
  const status = vault.status();
  if (!status.initialized) {
    await vault.initialize(passphrase);
    return 'initialized';
  }
  if (status.unlocked) return 'already-unlocked';
  if (status.protection === 'keychain') {
    throw new CrossdockError(
      'KEYCHAIN_UNAVAILABLE',
      `This vault is protected by the system keychain, which only the Crossdock app can use; ${PASSPHRASE_ENV} cannot open it.`,
      { protection: 'keychain' },
    );
  }
  await vault.unlock(passphrase, early);
  return 'unlocked';
}
