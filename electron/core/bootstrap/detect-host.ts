import { CrossdockError, type HostSystem } from '../../../shared/index.js';
import type { HostConnection } from '../ssh/host-connection.js';
import { DETECT_SCRIPT } from './detect-script.js';
import { parseDetectOutput } from './host-system.js';
import type { OsRelease } from './os-release.js';
import { privilegedCommand, type Privilege } from './privileged-shell.js';
import { shQuote } from './shell-quote.js';

export interface DetectedHost {
  system: HostSystem;
  os: OsRelease;
  /** How to run scripts as root; null when this login cannot. */
  privilege: Privilege | null;
}

/**
 * Looks at the host without changing it. A sudo password, when given, is checked once here
 * (through `sudo -S` on stdin) so a wrong one fails before any step runs.
 */
export async function detectHost(
  connection: HostConnection,
  sudoPassword: string | undefined,
  signal?: AbortSignal,
): Promise<DetectedHost> {
  const result = await connection.exec(`sh -c ${shQuote(DETECT_SCRIPT)}`, { signal });
  if (!result.stdout.includes('@os-release-end')) {
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `Could not read the system of ${connection.endpoint}: ${result.stderr.trim().slice(0, 300) || `exit ${result.exitCode}`}`,
      { host: connection.endpoint },
    );
  }
  const { system, os } = parseDetectOutput(result.stdout);
  if (system.privilege === 'root') return { system, os, privilege: { mode: 'root' } };
  if (system.privilege === 'sudo') return { system, os, privilege: { mode: 'sudo' } };
  if (system.privilege === 'sudo-password' && sudoPassword !== undefined) {
    const check = privilegedCommand('true', { mode: 'sudo-password', password: sudoPassword });
    const answer = await connection.exec(check.command, { signal, stdin: check.stdin });
    if (answer.exitCode !== 0) {
      throw new CrossdockError(
        'SUDO_PASSWORD_REQUIRED',
        `sudo on ${connection.endpoint} refused the password given for ${connection.endpoint.split('@')[0]}; give the right one`,
        { host: connection.endpoint, refused: true },
      );
    }
    return { system, os, privilege: { mode: 'sudo-password', password: sudoPassword } };
  }
  return { system, os, privilege: null };
}

/** Why this login cannot install anything, as an error naming the way out. */
export function noPrivilege(system: HostSystem, endpoint: string): CrossdockError {
  const message =
    system.privilege === 'sudo-password'
      ? `sudo on ${endpoint} needs a password: give it (it is kept in memory for this bootstrap only)`
      : `${endpoint} is not root and cannot use sudo: log in as root or as a user allowed to sudo`;
  return new CrossdockError(
    system.privilege === 'sudo-password' ? 'SUDO_PASSWORD_REQUIRED' : 'FAILED_PRECONDITION',
    message,
    { host: endpoint, privilege: system.privilege },
  );
}
