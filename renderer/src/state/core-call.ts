import type { ClientApi, CrossdockApi, ErrorCode, ErrorDetails } from '../../../shared/index.js';
import { messageWithAdvice } from '../forms/error-advice.js';
import { requestVaultAccess } from '../vault/vault-prompt-store.js';
import { describeError } from './describe-error.js';
import { currentClient } from './session.js';
import { pushNotice } from './store.js';

/** A failed call as data: what the UI needs to decide what to show, and nothing else. */
export interface CoreFailure {
  code: ErrorCode | null;
  message: string;
  details: ErrorDetails;
  /** The user already saw this (e.g. they closed the vault prompt): show nothing more. */
  silent: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: CoreFailure };

export function toFailure(error: unknown): CoreFailure {
  const { message, code } = describeError(error);
  const raw = typeof error === 'object' && error !== null ? (error as { details?: unknown }).details : undefined;
  const details = typeof raw === 'object' && raw !== null ? (raw as ErrorDetails) : {};
  return { code, message, details, silent: false };
}

/** One call (or a few) against the typed API. */
export type CoreRun<T> = (api: ClientApi<CrossdockApi>) => Promise<T>;

async function once<T>(run: CoreRun<T>): Promise<Outcome<T>> {
  const client = currentClient();
  if (!client) {
    return {
      ok: false,
      failure: {
        code: 'DISCONNECTED',
        message: 'Not connected to the Crossdock core. Waiting for the connection to come back.',
        details: {},
        silent: false,
      },
    };
  }
  try {
    return { ok: true, value: await run(client.api) };
  } catch (error) {
    return { ok: false, failure: toFailure(error) };
  }
}

/**
 * Calls the core and returns the outcome instead of throwing (expected failures are data). When
 * the vault is locked, the user is asked for the passphrase once and the call is retried; the
 * vault's own calls pass `vault: false`, since asking to unlock in order to unlock is a loop.
 */
export async function attempt<T>(run: CoreRun<T>, options: { vault?: boolean } = {}): Promise<Outcome<T>> {
  const first = await once(run);
  if (first.ok || first.failure.code !== 'VAULT_LOCKED' || options.vault === false) return first;
  const initialized = first.failure.details.initialized;
  const unlocked = await requestVaultAccess(typeof initialized === 'boolean' ? initialized : null);
  if (!unlocked) return { ok: false, failure: { ...first.failure, silent: true } };
  return once(run);
}

/** Shows a failure as a notice titled with what the user was doing, unless they saw it already. */
export function noticeFailure(title: string, failure: CoreFailure): void {
  if (!failure.silent) pushNotice({ tone: 'error', title, message: messageWithAdvice(failure), code: failure.code });
}

/** {@link attempt}, with any failure shown as a notice; resolves to undefined on failure. */
export async function perform<T>(title: string, run: CoreRun<T>): Promise<T | undefined> {
  const outcome = await attempt(run);
  if (outcome.ok) return outcome.value;
  noticeFailure(title, outcome.failure);
  return undefined;
}
