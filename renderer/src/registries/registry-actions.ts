import type { RegistryImportReport, RegistryLoginInfo, RegistryTestResult } from '../../../shared/index.js';
import { attempt, noticeFailure, type Outcome } from '../state/core-call.js';
import { pushNotice } from '../state/store.js';
import { refreshVault } from '../vault/vault-actions.js';
import { applyLogin, dropLogin, registriesLive } from './registries-store.js';

/**
 * Saves a login after the core has checked it against the registry: a refusal
 * (REGISTRY_AUTH_FAILED) or no answer (REGISTRY_UNREACHABLE) comes back as data for the dialog,
 * with nothing saved. The password is not kept anywhere here.
 */
export async function saveLogin(args: {
  registry: string;
  username: string;
  password: string;
}): Promise<Outcome<RegistryLoginInfo>> {
  const outcome = await attempt((api) => api.registries.login(args));
  if (outcome.ok) {
    applyLogin(outcome.value);
    // The Vault section counts secrets; this added one.
    void refreshVault();
  }
  return outcome;
}

/** Checks a saved login and says how it went, as a notice. */
export async function testLogin(login: RegistryLoginInfo): Promise<Outcome<RegistryTestResult>> {
  const outcome = await attempt((api) => api.registries.test({ registry: login.registry }));
  if (outcome.ok) {
    const { auth, endpoint } = outcome.value;
    pushNotice({
      tone: 'info',
      title: auth === 'anonymous' ? `${login.registry} needs no login` : `The login for ${login.registry} works`,
      message:
        auth === 'anonymous'
          ? `${endpoint} answered without one; the saved login is not used there.`
          : `${login.username} was accepted at ${endpoint} (${auth === 'token' ? 'token flow' : 'Basic auth'}).`,
      code: null,
    });
  } else noticeFailure(`The login for ${login.registry} did not work`, outcome.failure);
  return outcome;
}

export async function removeLogin(login: RegistryLoginInfo): Promise<void> {
  const outcome = await attempt((api) => api.registries.remove({ registry: login.registry }));
  if (outcome.ok) {
    dropLogin(login.registry);
    void refreshVault();
    pushNotice({
      tone: 'info',
      title: `Removed the login for ${login.registry}`,
      message: 'Its password was deleted from the vault. Pulls from it go without a login from now on.',
      code: null,
    });
  } else noticeFailure(`Could not remove the login for ${login.registry}`, outcome.failure);
}

/** Imports this computer's Docker logins and says what came in and what did not. */
export async function importDockerLogins(): Promise<Outcome<RegistryImportReport>> {
  const outcome = await attempt((api) => api.registries.import({}));
  if (!outcome.ok) {
    noticeFailure('Could not import the Docker logins', outcome.failure);
    return outcome;
  }
  const { configPath, imported, skipped } = outcome.value;
  void registriesLive.load();
  void refreshVault();
  pushNotice({
    tone: 'info',
    title:
      configPath === null
        ? 'No Docker login to import'
        : `Imported ${imported.length} Docker login${imported.length === 1 ? '' : 's'}`,
    message:
      configPath === null
        ? 'This computer has no Docker client config (~/.docker/config.json).'
        : [
            imported.length > 0
              ? `From ${configPath}: ${imported.map((login) => login.registry).join(', ')}.`
              : `Nothing usable in ${configPath}.`,
            ...skipped.map((entry) => `Skipped ${entry.server}: ${entry.reason}.`),
          ].join(' '),
    code: null,
  });
  return outcome;
}
