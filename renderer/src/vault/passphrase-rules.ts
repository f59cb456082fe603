import { counted, type VaultStatus } from '../../../shared/index.js';

/** Eight characters is the floor; the vault's scrypt makes each guess slow, not impossible. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Why a new passphrase (typed twice) cannot be used yet, or null when it can. */
export function newPassphraseProblem(
  passphrase: string,
  again: string,
): { field: 'passphrase' | 'again'; message: string } | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    return { field: 'passphrase', message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` };
  }
  if (passphrase.trim() === '')
    return { field: 'passphrase', message: 'A passphrase of only spaces is too easy to guess.' };
  if (again !== passphrase) return { field: 'again', message: 'The two passphrases are not the same.' };
  return null;
}

export interface VaultStatusText {
  label: string;
  tone: 'ok' | 'warn' | 'muted';
  detail: string;
}

/** One line about the vault for Settings; `null` status means the core has not answered yet. */
export function describeVault(status: VaultStatus | null): VaultStatusText {
  if (!status) return { label: 'Unknown', tone: 'muted', detail: 'Waiting for the Crossdock core.' };
  if (!status.initialized) {
    return {
      label: 'Not set up',
      tone: 'warn',
      detail: 'Choose a passphrase to create the vault. SSH keys and cloud credentials are kept in it, encrypted.',
    };
  }
  const secrets = counted(status.secretCount, 'secret');
  const how = status.protection === 'keychain' ? 'protected by the system keychain' : 'protected by your passphrase';
  if (!status.unlocked)
    return { label: 'Locked', tone: 'warn', detail: `${secrets}, ${how}. Unlock it to use your keys.` };
  return { label: 'Unlocked', tone: 'ok', detail: `${secrets}, ${how}.` };
}
