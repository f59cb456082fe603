import type { CoreFailure } from './core-call.js';
import { attempt } from './core-call.js';
import { createLoader, type LiveSource } from './live-loader.js';
import { applyHostList, applyJobList, pushNotice, setKeys, setSettings, setVault } from './store.js';

/**
 * What the session loads on every (re)connection: the settings, the hosts, the jobs and the
 * vault. Hosts and jobs are live sources like every other list (see live-loader.ts): their
 * events arrive through the session's subscriptions, and the rule in live-rule.ts keeps an
 * answer from undoing an event that arrived while it was in flight.
 */

export function reportLoadFailure(what: string, failure: CoreFailure): void {
  // A closed connection is shown by the indicator; a toast for each failed load would be noise.
  if (failure.code !== 'DISCONNECTED')
    pushNotice({ tone: 'error', title: `Could not load ${what}`, message: failure.message, code: failure.code });
}

let sources: { hosts: LiveSource; jobs: LiveSource } | null = null;

// Made on first use: this module and core-call.ts import each other through the session.
function liveSources(): { hosts: LiveSource; jobs: LiveSource } {
  sources ??= {
    hosts: createLoader({
      fetch: (api) => api.hosts.list({}),
      apply: (hosts, _scope, generation) => applyHostList(hosts, generation),
      failed: (failure) => reportLoadFailure('the hosts', failure),
    }),
    jobs: createLoader({
      fetch: (api) => api.jobs.list({}),
      apply: (jobs, _scope, generation) => applyJobList(jobs, generation),
      failed: (failure) => reportLoadFailure('the jobs', failure),
    }),
  };
  return sources;
}

/** Lists the jobs again (after "Clear finished": there is no event for removed jobs). */
export function refreshJobs(): Promise<void> {
  return liveSources().jobs.load();
}

/**
 * The vault's status, and the keys when it is open. A locked vault is not an error here: the
 * Settings view says so, and the first action that needs it asks for the passphrase.
 */
async function loadVault(): Promise<void> {
  const status = await attempt((api) => api.vault.status({}), { vault: false });
  if (status.ok) {
    setVault(status.value);
    if (!status.value.unlocked) return setKeys(null);
    const keys = await attempt((api) => api.keys.list({}), { vault: false });
    if (keys.ok) return setKeys(keys.value);
    if (keys.failure.code !== 'VAULT_LOCKED') reportLoadFailure('the SSH keys', keys.failure);
    return;
  }
  // A core without the vault yet answers METHOD_NOT_FOUND; Settings shows that the vault is unavailable.
  const { code } = status.failure;
  if (code !== 'VAULT_LOCKED' && code !== 'METHOD_NOT_FOUND') reportLoadFailure('the vault status', status.failure);
}

export function loadEverything(): void {
  void attempt((api) => api.system.getSettings({}), { vault: false }).then((outcome) => {
    if (outcome.ok) setSettings(outcome.value);
    else reportLoadFailure('the settings', outcome.failure);
  });
  void liveSources().hosts.load();
  void liveSources().jobs.load();
  void loadVault();
}
