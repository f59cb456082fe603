import type { WorkloadSecretInfo } from '../../../shared/index.js';
import { attempt, type Outcome } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';

/**
 * Stores (or replaces) a secret. A locked vault asks for its passphrase first. The value is
 * passed straight to the call and kept nowhere here.
 */
export function storeSecret(args: { name: string; value: string }): Promise<Outcome<WorkloadSecretInfo>> {
  return attempt((api) => api.workloads.setSecret(args));
}

/** Removes a secret from the vault; the outcome is a notice, and the list is read again by the caller. */
export async function removeSecret(name: string): Promise<Outcome<boolean>> {
  const outcome = await attempt((api) => api.workloads.removeSecret({ name }));
  if (outcome.ok) {
    pushNotice(
      outcome.value
        ? {
            tone: 'info',
            title: `Removed secret ${name}`,
            message: `Compose files that use ${name} cannot be deployed until it is stored again; running containers keep their copy.`,
            code: null,
          }
        : { tone: 'info', title: `No secret ${name}`, message: 'It was already removed.', code: null },
    );
  }
  return outcome;
}
