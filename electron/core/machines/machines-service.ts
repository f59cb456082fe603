import {
  CrossdockError,
  isCatalogued,
  type CrossdockApi,
  type MachineInfo,
  type ServerImpl,
} from '../../../shared/index.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { HostInventory } from '../hosts/inventory.js';
import type { JobRegistry } from '../jobs/registry.js';
import type { KeyStore } from '../keys/key-store.js';
import type { ProviderMachine } from '../providers/provider.js';
import { machineJob } from './machine-job.js';
import { toMachineInfo } from './machine-info.js';
import type { ProviderRegistry } from './provider-registry.js';

export interface MachinesServiceDeps {
  registry: ProviderRegistry;
  hosts: ServerImpl<CrossdockApi>['hosts'];
  inventory: HostInventory;
  runtime: HostRuntime;
  keys: KeyStore;
  jobs: JobRegistry;
}

/**
 * `price(kind, region, type)` fills in sizes' hourly prices from the price catalogue (cached
 * from the providers' own price APIs); without it, or for a type not in the cache, the price is null.
 */
export function providersService(
  registry: ProviderRegistry,
  price: (kind: 'aws' | 'gcp', region: string, type: string) => number | null = () => null,
): ServerImpl<CrossdockApi>['providers'] {
  return {
    list: async () => registry.list(),
    add: async (args, ctx) =>
      args.kind === 'hetzner' || args.kind === 'digitalocean'
        ? registry.add(
            { name: args.name, kind: args.kind, region: args.region, endpoint: args.endpoint ?? null },
            args.token,
            ctx.signal,
          )
        : args.kind === 'gcp'
          ? registry.add(
              { name: args.name, kind: 'gcp', region: args.region, endpoint: args.endpoint ?? null },
              args.serviceAccountJson,
              ctx.signal,
            )
          : registry.add(
              {
                name: args.name,
                kind: 'aws',
                region: args.region,
                endpoint: args.endpoint ?? null,
                sshUserByOs: args.sshUserByOs,
              },
              JSON.stringify(args.credentials),
              ctx.signal,
            ),
    remove: async ({ provider }) => registry.remove(provider),
    regions: async ({ provider }, ctx) => registry.find(provider).provider.regions(ctx.signal),
    sizes: async ({ provider, region }, ctx) => {
      const { info, provider: p } = registry.find(provider);
      const place = region ?? info.region;
      const sizes = await p.sizes(place, ctx.signal);
      if (!isCatalogued(info.kind) || place === null) return sizes;
      const kind = info.kind;
      return sizes.map((size) => ({ ...size, hourlyPriceUsd: size.hourlyPriceUsd ?? price(kind, place, size.type) }));
    },
  };
}

export function machinesService(deps: MachinesServiceDeps): ServerImpl<CrossdockApi>['machines'] {
  // A machine's host is added under the machine's name (host names are unique). Not matched by
  // address: a stopped machine has none, and a cloud machine's public address changes on restart.
  const hostNameOf = (machine: ProviderMachine): string | null =>
    deps.inventory.list().find((h) => h.kind === 'ssh' && h.name === machine.name)?.name ?? null;

  /** After a start, the host follows the machine to its new address (its host key stays pinned). */
  const followAddress = async (machine: MachineInfo): Promise<void> => {
    const host = deps.inventory.list().find((h) => h.name === machine.hostName);
    if (!host || !machine.address || host.address === machine.address) return;
    deps.inventory.update(host.id, { address: machine.address });
    await deps.runtime.forget(host.id);
  };

  const all = async (signal?: AbortSignal): Promise<MachineInfo[]> => {
    const lists = await Promise.all(
      deps.registry
        .all()
        .map(async ({ info, provider }) =>
          (await provider.list(signal)).map((m) => toMachineInfo(info, m, hostNameOf(m))),
        ),
    );
    const created = lists.flat();
    // Servers the user added by SSH are machines too, from provider `ssh`.
    const taken = new Set(created.map((m) => m.hostName));
    const existing = deps.inventory
      .list()
      .filter((host) => host.kind === 'ssh' && !taken.has(host.name))
      .map((host): MachineInfo => {
        const status = deps.runtime.describe(host).status;
        return {
          id: host.id,
          name: host.name,
          providerId: 'ssh',
          providerName: 'ssh',
          providerKind: 'ssh',
          state: status === 'connected' ? 'running' : 'unknown',
          address: host.address,
          region: null,
          type: 'existing server',
          os: null,
          hostName: host.name,
          createdAt: host.createdAt,
        };
      });
    return [...created, ...existing];
  };

  /** Existing servers belong to their owner: Crossdock only connects to them. */
  const assertCreated = (machine: MachineInfo, verb: string): void => {
    if (machine.providerKind === 'ssh') {
      throw new CrossdockError(
        'FAILED_PRECONDITION',
        `${machine.name} is an existing server Crossdock did not create; it cannot ${verb} it (remove the host to stop managing it)`,
        { machine: machine.name },
      );
    }
  };

  const find = async (ref: string, signal?: AbortSignal): Promise<MachineInfo> => {
    const matches = (await all(signal)).filter((m) => m.id === ref || m.name === ref);
    if (matches.length === 1) return matches[0] as MachineInfo;
    if (matches.length === 0)
      throw new CrossdockError('NOT_FOUND', `There is no machine named "${ref}"; "crossdock machine ls" lists them`, {
        machine: ref,
      });
    throw new CrossdockError('INVALID_ARGUMENT', `More than one machine is named "${ref}"; name it by id`, {
      machine: ref,
    });
  };

  const refreshed = async (machine: MachineInfo): Promise<MachineInfo> => {
    const { info, provider } = deps.registry.find(machine.providerId);
    const current = await provider.get(machine.id);
    if (!current)
      throw new CrossdockError('NOT_FOUND', `Machine ${machine.name} is gone from ${info.name}`, {
        machine: machine.name,
      });
    return toMachineInfo(info, current, hostNameOf(current));
  };

  return {
    list: async (_args, ctx) => all(ctx.signal),
    create: async ({ name, provider: ref, size, os, region, openPorts }) => {
      const { info, provider } = deps.registry.find(ref);
      if (deps.inventory.list().some((h) => h.name === name)) {
        throw new CrossdockError('ALREADY_EXISTS', `A host named "${name}" already exists; pick another machine name`, {
          machine: name,
        });
      }
      deps.keys.list(); // the machine's key goes into the vault: fail now, not mid-job, if it is locked
      return deps.jobs.start(
        'machine-create',
        `Create ${name} on ${info.name}`,
        machineJob(
          {
            provider,
            providerInfo: info,
            hosts: deps.hosts,
            inventory: deps.inventory,
            runtime: deps.runtime,
            keys: deps.keys,
          },
          { name, size, os, region: region ?? info.region, openPorts },
        ),
      );
    },
    start: async ({ machine: ref }, ctx) => {
      const machine = await find(ref, ctx.signal);
      assertCreated(machine, 'start');
      await deps.registry.find(machine.providerId).provider.start(machine.id, ctx.signal);
      const started = await refreshed(machine);
      await followAddress(started);
      return started;
    },
    stop: async ({ machine: ref }, ctx) => {
      const machine = await find(ref, ctx.signal);
      assertCreated(machine, 'stop');
      await deps.registry.find(machine.providerId).provider.stop(machine.id, ctx.signal);
      return refreshed(machine);
    },
    remove: async ({ machine: ref }, ctx) => {
      const machine = await find(ref, ctx.signal);
      assertCreated(machine, 'destroy');
      await deps.registry.find(machine.providerId).provider.destroy(machine.id, ctx.signal);
      if (machine.hostName)
        await deps.hosts.remove(
          { host: machine.hostName },
          { signal: ctx.signal, progress: () => undefined, emit: () => undefined },
        );
    },
  };
}
