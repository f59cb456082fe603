import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { PortTarget } from './port-conflicts.js';

const execFileAsync = promisify(execFile);

/**
 * The {@link PortTarget} of an inventory host: its engine from the runtime, and a shell over its
 * pooled SSH connection (or on this computer for the local engine) to see non-container listeners.
 */
export async function portTargetFor(runtime: HostRuntime, host: StoredHost, signal?: AbortSignal): Promise<PortTarget> {
  const engine = await runtime.engine(host);
  if (host.kind === 'local') {
    return {
      hostName: host.name,
      docker: engine.docker,
      exec: async (command) =>
        (await execFileAsync('sh', ['-c', command], { ...(signal ? { signal } : {}), maxBuffer: 16 * 1024 * 1024 }))
          .stdout,
    };
  }
  const connection = await runtime.connection(host);
  return {
    hostName: host.name,
    docker: engine.docker,
    exec: async (command) => (await connection.exec(command, { signal })).stdout,
  };
}
