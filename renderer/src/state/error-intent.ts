import type { ErrorDetails } from '../../../shared/index.js';
import type { CoreFailure } from './core-call.js';

/**
 * What the window should do about a failed call. Most failures are a sentence to show; a few
 * ask the user something, or must stand out (a changed host key).
 */
export type ErrorIntent =
  | { kind: 'unlock-vault'; create: boolean }
  | {
      kind: 'confirm-host-key';
      host: string | null;
      fingerprint: string;
      keyType: string | null;
      knownFingerprints: string[];
      pinnedFor: string[];
    }
  | {
      kind: 'host-key-changed';
      host: string | null;
      expected: string[];
      presented: string | null;
      keyType: string | null;
    }
  | { kind: 'key-passphrase'; message: string }
  | { kind: 'message'; message: string; code: CoreFailure['code']; hint: string | null };

const text = (details: ErrorDetails, ...names: string[]): string | null => {
  for (const name of names) {
    const value = details[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
};

const list = (details: ErrorDetails, ...names: string[]): string[] => {
  for (const name of names) {
    const value = details[name];
    if (Array.isArray(value)) return value.filter((v) => v !== '');
    if (typeof value === 'string' && value !== '') return [value];
  }
  return [];
};

/**
 * What to try next, for the failures a person can do something about and whose message does not
 * say it already (AUTH_FAILED and KEY_INVALID do: a hint there made the app say it twice).
 */
export const ERROR_HINTS: Partial<Record<NonNullable<CoreFailure['code']>, string>> = {
  HOST_UNREACHABLE:
    'Check the address and port, and that the server is up and reachable from this computer (VPN, firewall, security group).',
  DOCKER_UNAVAILABLE:
    'The host answered, but its Docker engine did not. Check that Docker is installed and running, and that the user may use it (the docker group).',
  HOST_KEY_REVOKED:
    'known_hosts marks this key as revoked. Do not connect until whoever runs the server has replaced the key.',
  WRONG_PASSPHRASE: 'Check the passphrase and try again.',
  VAULT_DAMAGED:
    'No passphrase will open a damaged vault file. Restore vault.json in the Crossdock data folder from a backup.',
  KEYCHAIN_UNAVAILABLE:
    'Use a passphrase for the vault instead: it works everywhere, the command line and web mode included.',
  SUDO_PASSWORD_REQUIRED:
    'The login user needs its sudo password to install Docker. Give it (it is kept in memory for this bootstrap only) and try again.',
  ALREADY_RUNNING: 'It is still running: follow it under Jobs, or cancel it there first.',
  CONTAINER_UNHEALTHY: 'The container’s log says why: open it from the container list of that host.',
  IMAGE_NOT_FOUND:
    'Check the image’s name and tag. A private image needs a login for its registry: Settings → Registries.',
  REGISTRY_AUTH_FAILED: 'Add or update the login for this registry under Settings → Registries, then try again.',
  REGISTRY_UNREACHABLE:
    'The host could not reach the registry. Check the registry’s address and that the host can reach it (DNS, firewall, proxy).',
  BUILD_FAILED: 'Fix the Dockerfile or the failing step (its output is in the deploy’s log), then deploy again.',
};

export function errorIntent(failure: CoreFailure): ErrorIntent {
  const { details } = failure;
  switch (failure.code) {
    case 'VAULT_LOCKED':
      return { kind: 'unlock-vault', create: details.initialized === false };
    case 'VAULT_NOT_INITIALIZED':
      return { kind: 'unlock-vault', create: true };
    case 'HOST_KEY_UNKNOWN': {
      const fingerprint = text(details, 'fingerprint');
      // Without a fingerprint there is nothing the user could check; never offer a blind trust.
      if (!fingerprint) break;
      return {
        kind: 'confirm-host-key',
        host: text(details, 'host'),
        fingerprint,
        keyType: text(details, 'keyType'),
        knownFingerprints: list(details, 'knownFingerprints'),
        pinnedFor: list(details, 'pinnedFor'),
      };
    }
    case 'HOST_KEY_MISMATCH':
      return {
        kind: 'host-key-changed',
        host: text(details, 'host'),
        expected: list(
          details,
          'expectedFingerprints',
          'expectedFingerprint',
          'expected',
          'pinnedFingerprint',
          'oldFingerprint',
        ),
        presented: text(details, 'fingerprint', 'presentedFingerprint', 'actualFingerprint', 'newFingerprint'),
        keyType: text(details, 'keyType'),
      };
    case 'KEY_PASSPHRASE_REQUIRED':
      return { kind: 'key-passphrase', message: failure.message };
    default:
      break;
  }
  return {
    kind: 'message',
    message: failure.message,
    code: failure.code,
    hint: (failure.code && ERROR_HINTS[failure.code]) ?? null,
  };
}
