import type { SshKeyInfo } from '../../../shared/index.js';
import { attempt, noticeFailure, type Outcome } from '../state/core-call.js';
import { createLoader, type LiveSource } from '../state/live-loader.js';
import { applyKey, dropKey, setKeys } from '../state/store.js';

/** The SSH keys, kept live (see useLive); a locked vault leaves the list unknown rather than raising a prompt. */
export const keysLive: LiveSource = createLoader({
  fetch: (api) => api.keys.list({}),
  apply: (keys) => setKeys(keys),
  failed: () => setKeys(null),
});

export const loadKeys = (): Promise<void> => keysLive.load();

export type KeySource = { privateKey: string } | { path: string };

/** Imports a key; KEY_PASSPHRASE_REQUIRED comes back as data so the dialog can ask for it. */
export async function importKey(
  name: string,
  source: KeySource,
  passphrase: string | undefined,
): Promise<Outcome<SshKeyInfo>> {
  const outcome = await attempt((api) => api.keys.import({ name, ...source, ...(passphrase ? { passphrase } : {}) }));
  if (outcome.ok) applyKey(outcome.value);
  return outcome;
}

export async function generateKey(name: string): Promise<Outcome<SshKeyInfo>> {
  const outcome = await attempt((api) => api.keys.generate({ name }));
  if (outcome.ok) applyKey(outcome.value);
  return outcome;
}

export async function removeKey(key: SshKeyInfo): Promise<void> {
  const outcome = await attempt((api) => api.keys.remove({ id: key.id }));
  if (outcome.ok) dropKey(key.id);
  else noticeFailure(`Could not remove the key ${key.name}`, outcome.failure);
}

/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context and focus; when it
 * is refused the caller says so where the user is looking, and the text stays selectable there.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
