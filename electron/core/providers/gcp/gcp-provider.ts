import type { Provider, ProviderMachine, RegionOffer, SizeOffer } from '../provider.js';
import { toSizeOffer } from './catalog.js';
import { createGcpContext, deleteFirewall, getMachine, type GcpProviderOptions } from './context.js';
import { createMachine } from './create-machine.js';
import { httpStatusOf, toCrossdockError } from './errors.js';
import { hostKeyFingerprintsFromSerial } from './host-keys.js';
import { lastSegment, MANAGED_LABEL, parseMachineId, toProviderMachine } from './machine.js';

/**
 * A {@link Provider} for Google Compute Engine through `@google-cloud/compute`. Machine ids are
 * `<zone>/<instance>`. Each machine gets its own firewall rule and network tag
 * `crossdock-<name>`, and logs in as `crossdock` with the spec's key via `ssh-keys` metadata.
 */
export function createGcpProvider(options: GcpProviderOptions): Provider {
  const ctx = createGcpContext(options);
  const { clients, project, call } = ctx;

  async function changeState(id: string, verb: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    const { zone, name } = parseMachineId(id, options.zone);
    const [operation] = await call(`instance ${id}`, signal, () =>
      clients.instances[verb]({ project, zone, instance: name }),
    );
    // Resolves once the machine has actually started or stopped, so callers can act on it.
    await call(`instance ${id}`, signal, () => ctx.wait(operation, zone, signal));
  }

  return {
    kind: 'gcp',

    async verifyCredentials(signal) {
      // One cheap authenticated read; it also proves the default zone exists.
      await call(`zone ${options.zone}`, signal, () => clients.zones.get({ project, zone: options.zone }));
    },

    async regions(signal) {
      const [zones] = await call('zone list', signal, () => clients.zones.list({ project }));
      const byRegion = new Map<string, string[]>();
      for (const zone of zones) {
        const region = lastSegment(zone.region);
        if (zone.name && region) byRegion.set(region, [...(byRegion.get(region) ?? []), zone.name]);
      }
      return [...byRegion]
        .map(([name, zoneNames]): RegionOffer => ({ name, zones: zoneNames.sort() }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async sizes(region, signal) {
      const zone = region ?? options.zone;
      const [types] = await call(`machine types of ${zone}`, signal, () =>
        clients.machineTypes.list({ project, zone }),
      );
      return types.map(toSizeOffer).filter((offer): offer is SizeOffer => offer !== null);
    },

    create: (spec, signal) => createMachine(ctx, spec, signal),
    get: (id, signal) => getMachine(ctx, id, signal),

    async list(signal) {
      // Every zone in one paged call: machines created in other zones than the default (or by
      // another laptop with another default) are found too.
      const filter = `labels.${MANAGED_LABEL.key} = ${MANAGED_LABEL.value}`;
      return call('instance list', signal, async () => {
        const machines: ProviderMachine[] = [];
        // autoPaginate: false only says so explicitly (async iteration pages by itself), which
        // keeps gax from warning on every call.
        for await (const [scope, scoped] of clients.instances.aggregatedListAsync(
          { project, filter },
          { autoPaginate: false },
        )) {
          signal?.throwIfAborted();
          for (const instance of scoped.instances ?? []) machines.push(toProviderMachine(instance, lastSegment(scope)));
        }
        return machines;
      });
    },

    async hostKeyFingerprints(id, signal) {
      const { zone, name } = parseMachineId(id, options.zone);
      const [output] = await call(`instance ${id}`, signal, () =>
        clients.instances.getSerialPortOutput({ project, zone, instance: name, port: 1 }),
      );
      return hostKeyFingerprintsFromSerial(output.contents ?? '');
    },

    start: (id, signal) => changeState(id, 'start', signal),
    stop: (id, signal) => changeState(id, 'stop', signal),

    async destroy(id, signal) {
      const { zone, name } = parseMachineId(id, options.zone);
      try {
        const [operation] = await clients.instances.delete({ project, zone, instance: name });
        await ctx.wait(operation, zone, signal);
      } catch (error) {
        // Already gone (a second destroy, or after a half-failed create): still remove the rule.
        if (httpStatusOf(error) !== 404) throw toCrossdockError(error, ctx.who, `instance ${id}`);
      }
      await deleteFirewall(ctx, name, signal);
    },
  };
}
