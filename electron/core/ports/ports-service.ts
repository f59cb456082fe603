import type { CrossdockApi, ServerImpl } from '../../../shared/index.js';
import { acrossHosts } from '../containers/cross-host.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import { portMappings } from './port-map.js';

/** The port map across hosts: no overlay network, so every published port is a host port to keep track of. */
export function portsService(deps: {
  inventory: HostInventory;
  runtime: HostRuntime;
}): ServerImpl<CrossdockApi>['ports'] {
  return {
    list: async ({ hosts }, ctx) => {
      const listed = await acrossHosts(deps, hosts, async (engine, host) =>
        portMappings(
          { hostId: host.id, hostName: host.name },
          await engine.call((d) => d.listContainers({ all: false, abortSignal: ctx.signal })),
        ),
      );
      listed.items.sort(
        (a, b) =>
          a.hostName.localeCompare(b.hostName) ||
          a.port - b.port ||
          a.protocol.localeCompare(b.protocol) ||
          a.hostIp.localeCompare(b.hostIp),
      );
      return listed;
    },
  };
}
