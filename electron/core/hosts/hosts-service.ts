import { randomUUID } from 'node:crypto';
import {
  CrossdockError,
  type AddHostArgs,
  type CallContext,
  type CrossdockApi,
  type CrossdockEvents,
  type HostInfo,
  type ServerImpl,
} from '../../../shared/index.js';
import { localDockerEngine } from '../docker/docker-engine.js';
import { DEFAULT_DOCKER_SOCKET } from '../docker/docker-transport.js';
import type { EventHub } from '../events/event-hub.js';
import type { KeyStore } from '../keys/key-store.js';
import { HostConnection, type HostConnectionOptions } from '../ssh/host-connection.js';
import type { HostKeyTrust } from '../ssh/ssh-target.js';
import type { HostRuntime } from './host-runtime.js';
import type { HostInventory, StoredHost } from './inventory.js';
import type { ShellSessions } from './shell-sessions.js';

export interface HostsServiceDeps {
  inventory: HostInventory;
  runtime: HostRuntime;
  keys: KeyStore;
  events: EventHub<CrossdockEvents>;
  shells: ShellSessions;
  connection?: HostConnectionOptions;
}

/**
 * Logs in once with the given trust, before anything is saved: a host is only added when it
 * answered and its key was accepted (pinned, in known_hosts, or confirmed by the user).
 */
async function probeSsh(
  args: Omit<Extract<AddHostArgs, { kind: 'ssh' }>, 'name'>,
  deps: HostsServiceDeps,
  ctx: CallContext,
): Promise<{ keyType: string; fingerprint: string }> {
  const knownHosts = await deps.runtime.knownHosts();
  const trust: HostKeyTrust =
    args.trust && 'fingerprint' in args.trust
      ? { pinnedFingerprint: args.trust.fingerprint }
      : { knownHosts, trustOnFirstUse: args.trust?.firstUse === true };
  const probe = new HostConnection(
    {
      hostId: `probe-${randomUUID()}`,
      address: args.address,
      port: args.port,
      username: args.user,
      privateKey: deps.keys.privateKey(args.keyId),
      hostKey: trust,
    },
    { ...deps.connection, reconnect: { enabled: false } },
  );
  try {
    await probe.activate(ctx.signal);
    const accepted = probe.hostKey;
    if (!accepted) throw new CrossdockError('INTERNAL', `Connected to ${args.address} without a host key decision`);
    return { keyType: accepted.keyType, fingerprint: accepted.fingerprint };
  } finally {
    await probe.dispose();
  }
}

/**
 * A key seen for the first time at this address may be one Crossdock already pinned for another
 * host: the same server added under another name, or reached by another address. Say which, so
 * the user can tell a second name for a known server from a stranger.
 */
function withHostsHoldingKey(error: unknown, hosts: StoredHost[]): unknown {
  if (!(error instanceof CrossdockError) || error.code !== 'HOST_KEY_UNKNOWN') return error;
  const fingerprint = error.details.fingerprint;
  const holders = hosts.filter((host) => host.hostKey?.fingerprint === fingerprint).map((host) => host.name);
  if (holders.length === 0) return error;
  const named = holders.map((name) => `"${name}"`).join(', ');
  const made = new CrossdockError(
    'HOST_KEY_UNKNOWN',
    `${error.message} Crossdock already pinned this key for host ${named}: it is the same server, unless that key was copied.`,
    { ...error.details, pinnedFor: holders },
  );
  made.cause = error;
  return made;
}

export function hostsService(deps: HostsServiceDeps): ServerImpl<CrossdockApi>['hosts'] {
  const { inventory, runtime, events } = deps;
  const assertNameFree = (name: string): void => {
    if (inventory.list().some((host) => host.name === name)) {
      throw new CrossdockError(
        'ALREADY_EXISTS',
        `A host named "${name}" already exists; pick another name or remove it first`,
        { host: name },
      );
    }
  };

  return {
    list: async () => inventory.list().map((host) => runtime.describe(host)),

    add: async (args, ctx): Promise<HostInfo> => {
      assertNameFree(args.name);
      if (args.kind === 'local') {
        const socketPath = args.socketPath ?? DEFAULT_DOCKER_SOCKET;
        const engine = localDockerEngine(socketPath);
        try {
          await engine.ping(ctx.signal);
        } finally {
          engine.dispose();
        }
        const stored = inventory.add({
          name: args.name,
          kind: 'local',
          address: null,
          port: null,
          user: null,
          keyId: null,
          hostKey: null,
          socketPath,
        });
        runtime.noteLocal(stored, null);
        const info = runtime.describe(stored);
        events.emit('hosts.changed', info);
        return info;
      }
      deps.keys.get(args.keyId);
      const hostKey = await probeSsh(args, deps, ctx).catch((error: unknown) => {
        throw withHostsHoldingKey(error, inventory.list());
      });
      assertNameFree(args.name);
      const stored = inventory.add({
        name: args.name,
        kind: 'ssh',
        address: args.address,
        port: args.port,
        user: args.user,
        keyId: args.keyId,
        hostKey,
        socketPath: null,
      });
      // Connect the pooled connection now, so the host shows as connected without another step.
      const connection = await runtime.connection(stored);
      connection.activate().catch(() => undefined);
      const info = runtime.describe(stored);
      events.emit('hosts.changed', info);
      return info;
    },

    remove: async ({ host: ref }) => {
      const host = inventory.find(ref);
      await runtime.forget(host.id);
      inventory.remove(host.id);
      events.emit('hosts.removed', { id: host.id });
    },

    connect: async ({ host: ref }, ctx) => {
      const host = inventory.find(ref);
      if (host.kind === 'local') {
        const engine = await runtime.engine(host);
        try {
          await engine.ping(ctx.signal);
          runtime.noteLocal(host, null);
        } catch (error) {
          runtime.noteLocal(host, error);
          throw error;
        }
      } else {
        await (await runtime.connection(host)).reconnect(ctx.signal);
      }
      return runtime.describe(host);
    },

    trustHostKey: async ({ host: ref, fingerprint }, ctx) => {
      const host = inventory.find(ref);
      if (host.kind !== 'ssh' || !host.address || !host.port || !host.user || !host.keyId) {
        throw new CrossdockError('FAILED_PRECONDITION', `${host.name} is the local engine: it has no SSH host key`, {
          host: host.name,
        });
      }
      const hostKey = await probeSsh(
        {
          kind: 'ssh',
          address: host.address,
          port: host.port,
          user: host.user,
          keyId: host.keyId,
          trust: { fingerprint },
        },
        deps,
        ctx,
      );
      // The old connection was made (or refused) under the old pin: start afresh under the new one.
      await runtime.forget(host.id);
      const updated = inventory.update(host.id, { hostKey });
      const info = runtime.describe(updated);
      events.emit('hosts.changed', info);
      return info;
    },

    shell: async ({ host: ref, ...args }, ctx) => {
      const host = inventory.find(ref);
      if (host.kind !== 'ssh') {
        throw new CrossdockError(
          'INVALID_ARGUMENT',
          `${host.name} is this computer's Docker engine, not an SSH host: open a terminal on this computer instead`,
          { host: host.name },
        );
      }
      return deps.shells.run(await runtime.connection(host), host.name, args, ctx);
    },
    shellInput: async ({ sessionId, base64, eof }) =>
      deps.shells.input(sessionId, Buffer.from(base64, 'base64'), eof === true),
    shellResize: async ({ sessionId, cols, rows }) => deps.shells.resize(sessionId, cols, rows),
  };
}
