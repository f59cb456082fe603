import { toWireError, type CrossHostList, type HostFailure } from '../../../shared/index.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory, StoredHost } from '../hosts/inventory.js';

/**
 * Runs one listing on many hosts at once. A host that fails is reported beside the others'
 * results instead of failing the whole list: one unreachable server must not blank the view.
 */
export async function acrossHosts<T>(
  deps: { inventory: HostInventory; runtime: HostRuntime },
  refs: string[] | undefined,
  list: (engine: DockerEngine, host: StoredHost) => Promise<T[]>,
): Promise<CrossHostList<T>> {
  const hosts = refs ? refs.map((ref) => deps.inventory.find(ref)) : deps.inventory.list();
  const results = await Promise.allSettled(
    hosts.map(async (host) => {
      try {
        const items = await list(await deps.runtime.engine(host), host);
        deps.runtime.noteLocal(host, null);
        return items;
      } catch (error) {
        deps.runtime.noteLocal(host, error);
        throw error;
      }
    }),
  );
  const items: T[] = [];
  const failures: HostFailure[] = [];
  results.forEach((result, i) => {
    const host = hosts[i] as StoredHost;
    if (result.status === 'fulfilled') items.push(...result.value);
    else
      failures.push({
        hostId: host.id,
        hostName: host.name,
        error: toWireError(result.reason, `Listing on ${host.name}`),
      });
  });
  return { items, failures };
}
