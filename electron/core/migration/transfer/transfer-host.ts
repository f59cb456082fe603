import { getuid } from 'node:process';
import { CrossdockError } from '../../../../shared/index.js';
import { shQuote } from '../../bootstrap/shell-quote.js';
import type { HostRuntime } from '../../hosts/host-runtime.js';
import type { StoredHost } from '../../hosts/inventory.js';
import type { ExecResult } from '../../ssh/remote-exec.js';
import { execLocal, spawnLocal } from './local-process.js';
import type { HostExecOptions, TransferHost } from './types.js';

/**
 * A host as a transfer end. SSH hosts run commands over their pooled connection (no new login);
 * the local engine runs them with child_process. Finds out once how commands become root.
 */
export async function transferHostFor(
  runtime: HostRuntime,
  host: StoredHost,
  signal?: AbortSignal,
): Promise<TransferHost> {
  const engine = await runtime.engine(host);
  if (host.kind === 'local') {
    const exec = (command: string, options: HostExecOptions = {}): Promise<ExecResult> => execLocal(command, options);
    const privilege =
      getuid?.() === 0 ? 'root' : (await exec('sudo -n true', { signal })).exitCode === 0 ? 'sudo' : null;
    return {
      id: host.id,
      name: host.name,
      local: true,
      exec,
      spawn: (command, options = {}) => Promise.resolve(spawnLocal(command, options)),
      asRoot: rootWrapper(host.name, privilege),
      docker: engine.docker,
      // Another host cannot log in to this computer: data to it is relayed.
      ssh: null,
      privilege,
    };
  }
  const connection = await runtime.connection(host);
  const exec = (command: string, options: HostExecOptions = {}): Promise<ExecResult> =>
    connection.exec(command, { signal: options.signal, stdin: options.stdin ?? '' });
  const uid = await exec('id -u', { signal });
  const privilege =
    uid.stdout.trim() === '0' ? 'root' : (await exec('sudo -n true', { signal })).exitCode === 0 ? 'sudo' : null;
  const fingerprint = host.hostKey?.fingerprint ?? connection.hostKey?.fingerprint;
  return {
    id: host.id,
    name: host.name,
    local: false,
    exec,
    spawn: (command, options = {}) =>
      connection.execStream(command, {
        signal: options.signal,
        ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      }),
    asRoot: rootWrapper(host.name, privilege),
    docker: engine.docker,
    ssh:
      host.address && host.port && host.user && fingerprint
        ? { address: host.address, port: host.port, user: host.user, hostKeyFingerprint: fingerprint }
        : null,
    privilege,
  };
}

function rootWrapper(hostName: string, privilege: TransferHost['privilege']): (command: string) => string {
  return (command) => {
    if (privilege === 'root') return command;
    if (privilege === 'sudo') return `sudo -n sh -c ${shQuote(command)}`;
    throw new CrossdockError(
      'FAILED_PRECONDITION',
      `Moving volume and image data on ${hostName} needs root: log in as root, or allow the login user to run sudo without a password`,
      { host: hostName },
    );
  };
}
