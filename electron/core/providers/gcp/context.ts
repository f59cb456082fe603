import { CrossdockError } from '../../../../shared/errors.js';
import type { ProviderMachine } from '../provider.js';
import { createGcpClients, type GcpApiEndpoint, type GcpClients, type ServiceAccountKey } from './clients.js';
import { httpStatusOf, toCrossdockError } from './errors.js';
import { firewallName } from './firewall.js';
import { parseMachineId, toProviderMachine } from './machine.js';
import { operationName, waitOperation } from './operations.js';

/** Options of `createGcpProvider`. */
export interface GcpProviderOptions {
  /** The user's name for this account, used in error messages. */
  name: string;
  /** Default zone (`europe-west1-b`): for machines whose spec names none and `sizes(null)`; `list` covers every zone. */
  zone: string;
  serviceAccountJson: ServiceAccountKey;
  /** SDK configuration only: where Compute answers instead of Google (an emulator). */
  apiEndpoint?: GcpApiEndpoint;
}

/** What every provider operation shares: the clients, the names, and the call discipline. */
export interface GcpContext {
  clients: GcpClients;
  project: string;
  /** The provider's name, for messages. */
  who: string;
  defaultZone: string;
  /** Runs one SDK call: honours the signal and turns HTTP failures into CrossdockErrors. */
  call<T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T>;
  /** Waits for a zone operation (zone given) or a global one (null) to be DONE. */
  wait(operation: { latestResponse?: unknown }, zone: string | null, signal?: AbortSignal): Promise<void>;
}

export function createGcpContext(options: GcpProviderOptions): GcpContext {
  const clients = createGcpClients(options.serviceAccountJson, options.apiEndpoint);
  const who = options.name;
  return {
    clients,
    project: clients.project,
    who,
    defaultZone: options.zone,
    async call(what, signal, run) {
      signal?.throwIfAborted();
      try {
        return await run();
      } catch (error) {
        throw toCrossdockError(error, who, what);
      }
    },
    wait: (operation, zone, signal) => waitOperation(clients, operationName(operation), zone, who, signal),
  };
}

/** The machine, or null when Google no longer knows it. */
export async function getMachine(ctx: GcpContext, id: string, signal?: AbortSignal): Promise<ProviderMachine | null> {
  const { zone, name } = parseMachineId(id, ctx.defaultZone);
  try {
    const [instance] = await ctx.call(`instance ${id}`, signal, () =>
      ctx.clients.instances.get({ project: ctx.project, zone, instance: name }),
    );
    return toProviderMachine(instance, zone);
  } catch (error) {
    if (error instanceof CrossdockError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Deletes a machine's firewall rule and waits for it to be gone; already gone is fine. */
export async function deleteFirewall(ctx: GcpContext, machineName: string, signal?: AbortSignal): Promise<void> {
  const rule = firewallName(machineName);
  try {
    const [lro] = await ctx.clients.firewalls.delete({ project: ctx.project, firewall: rule });
    await ctx.wait(lro, null, signal);
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw toCrossdockError(error, ctx.who, `firewall rule ${rule}`);
  }
}
