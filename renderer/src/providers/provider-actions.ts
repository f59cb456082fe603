import type { AddProviderArgs, ProviderInfo } from '../../../shared/index.js';
import { attempt, type Outcome } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import { applyProvider, dropProvider } from './providers-store.js';

/**
 * Adds a cloud account. The core checks the credentials with a cheap call first and answers
 * PROVIDER_AUTH_FAILED (saving nothing) when they are refused: that comes back as data for the
 * dialog to show next to the form. The arguments, secret included, are not kept anywhere here.
 */
export async function addProvider(args: AddProviderArgs): Promise<Outcome<ProviderInfo>> {
  const outcome = await attempt((api) => api.providers.add(args));
  if (outcome.ok) applyProvider(outcome.value);
  return outcome;
}

export async function removeProvider(provider: ProviderInfo): Promise<Outcome<void>> {
  const outcome = await attempt((api) => api.providers.remove({ provider: provider.id }));
  if (outcome.ok) {
    dropProvider(provider.id);
    pushNotice({
      tone: 'info',
      title: `Removed ${provider.name}`,
      message: 'Its credentials were deleted from the vault. Machines already made on it keep running there.',
      code: null,
    });
  }
  return outcome;
}
