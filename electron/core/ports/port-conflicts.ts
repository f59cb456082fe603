import type Dockerode from 'dockerode';
import { CrossdockError, type ErrorAdvice } from '../../../shared/index.js';
import {
  addressesOverlap,
  isWildcard,
  LISTENERS_COMMAND,
  parseListeners,
  type PortProtocol,
} from './host-listeners.js';

export type { PortProtocol } from './host-listeners.js';

/** The host whose ports are checked: its Docker engine, and a shell on it when there is one. */
export interface PortTarget {
  /** How messages name the host (its Crossdock name). */
  hostName: string;
  docker: Dockerode;
  /**
   * Runs a command on the host and resolves with its stdout. Without it only containers are
   * checked (a process listening outside Docker goes unseen until Docker itself refuses).
   */
  exec?: ((command: string) => Promise<string>) | undefined;
}

/** A port a container wants published on the host. */
export interface WantedPort {
  port: number;
  protocol: PortProtocol;
  /** The host address to bind; all addresses when omitted. */
  hostIp?: string | undefined;
}

/** What holds a port: a container (with its compose project and service when it has them), or a process. */
export type PortHolder =
  | { kind: 'container'; id: string; name: string; project: string | null; service: string | null }
  | { kind: 'process'; process: string | null; pid: number | null };

/** Something on the host already bound where a wanted port would go. */
export interface PortConflict {
  host: string;
  port: number;
  protocol: PortProtocol;
  /** The address the holder is bound to (`0.0.0.0` / `::` for all). */
  hostIp: string;
  holder: PortHolder;
}

/** One bound port on a host and what holds it. */
export interface HeldPort {
  port: number;
  protocol: PortProtocol;
  hostIp: string;
  holder: PortHolder;
}

export interface PortCheckOptions {
  /** Containers (ids or names) to disregard: the ones a deploy or migration is about to replace. */
  ignoreContainers?: string[] | undefined;
}

/**
 * Everything bound on the host: ports published by running containers (from the engine, with
 * their compose labels), then sockets found by `ss` that no container accounts for. The
 * userland proxy (`docker-proxy`) shows in `ss` for every published port, so a listener on a
 * port a container already publishes is that container's, not a second holder.
 */
export async function heldPorts(target: PortTarget, options: PortCheckOptions = {}): Promise<HeldPort[]> {
  const ignored = new Set(options.ignoreContainers ?? []);
  const containers = await target.docker.listContainers({ all: false });
  const held: HeldPort[] = [];
  const byContainers = new Set<string>();
  for (const container of containers) {
    const name = (container.Names[0] ?? container.Id).replace(/^\//, '');
    const skip =
      ignored.has(container.Id) ||
      ignored.has(name) ||
      [...ignored].some((ref) => ref.length >= 12 && container.Id.startsWith(ref));
    for (const port of container.Ports) {
      if (!port.PublicPort) continue;
      const protocol = port.Type === 'udp' ? 'udp' : 'tcp';
      // Ignored containers still own their ports as far as ss is concerned: don't report their proxy.
      byContainers.add(`${protocol}/${port.PublicPort}`);
      if (skip) continue;
      held.push({
        port: port.PublicPort,
        protocol,
        hostIp: port.IP ?? '0.0.0.0',
        holder: {
          kind: 'container',
          id: container.Id,
          name,
          project: container.Labels['com.docker.compose.project'] ?? null,
          service: container.Labels['com.docker.compose.service'] ?? null,
        },
      });
    }
  }
  if (target.exec) {
    for (const listener of parseListeners(await target.exec(LISTENERS_COMMAND))) {
      if (byContainers.has(`${listener.protocol}/${listener.port}`)) continue;
      held.push({
        port: listener.port,
        protocol: listener.protocol,
        hostIp: listener.hostIp,
        holder: { kind: 'process', process: listener.process, pid: listener.pid },
      });
    }
  }
  return held;
}

/** The wanted ports that something on the host already holds (one conflict per wanted port). */
export async function findPortConflicts(
  target: PortTarget,
  wanted: WantedPort[],
  options: PortCheckOptions = {},
): Promise<PortConflict[]> {
  if (wanted.length === 0) return [];
  return conflictsAmong(target.hostName, await heldPorts(target, options), wanted);
}

/** The pure part of {@link findPortConflicts}, for callers that already have the held ports. */
export function conflictsAmong(hostName: string, held: HeldPort[], wanted: WantedPort[]): PortConflict[] {
  const conflicts: PortConflict[] = [];
  for (const want of wanted) {
    const hit = held.find(
      (h) => h.port === want.port && h.protocol === want.protocol && addressesOverlap(want.hostIp, h.hostIp),
    );
    if (hit)
      conflicts.push({
        host: hostName,
        port: want.port,
        protocol: want.protocol,
        hostIp: hit.hostIp,
        holder: hit.holder,
      });
  }
  return conflicts;
}

/**
 * A free port for `want`: the first one above the wanted port (wrapping to 1024) that nothing
 * holds and that is not in `reserved` (ports already handed out in the same deploy).
 */
export function nextFreePort(
  held: HeldPort[],
  want: WantedPort,
  reserved: ReadonlySet<string> = new Set(),
): number | null {
  let port = want.port;
  for (let tries = 0; tries < 65535; tries++) {
    port = port >= 65535 ? 1024 : port + 1;
    if (reserved.has(`${want.protocol}/${port}`)) continue;
    if (!held.some((h) => h.port === port && h.protocol === want.protocol && addressesOverlap(want.hostIp, h.hostIp)))
      return port;
  }
  return null;
}

/** How a message names a holder: `container shop-web-1 (project shop, service web)`, `process nginx (pid 42)`. */
export function describeHolder(holder: PortHolder): string {
  if (holder.kind === 'container') {
    const compose = holder.project
      ? ` (project ${holder.project}${holder.service ? `, service ${holder.service}` : ''})`
      : '';
    return `container ${holder.name}${compose}`;
  }
  if (holder.process) return `process ${holder.process}${holder.pid !== null ? ` (pid ${holder.pid})` : ''}`;
  return 'a process outside Docker (run `ss -lntup` as root on the host to see which)';
}

/** `port 8080/tcp is taken by container shop-web-1 (project shop, service web)`. */
export function describeConflict(conflict: PortConflict): string {
  const at = isWildcard(conflict.hostIp) ? '' : ` on ${conflict.hostIp}`;
  return `port ${conflict.port}/${conflict.protocol}${at} is taken by ${describeHolder(conflict.holder)}`;
}

/**
 * PORT_CONFLICT naming the host, each port and its holder, and what to do:
 * `host web-1: port 8080/tcp is taken by container shop-web-1 (project shop, service web); choose
 * another port`. Without `advice` the remedy that depends on the client (its auto-ports switch) is
 * `details.advice: 'auto-ports'`, which each client words its own way (see ERROR_ADVICE); with it,
 * the advice ends the message. Details carry the first conflict's fields and every conflict as text.
 */
export function portConflictError(conflicts: PortConflict[], advice?: string): CrossdockError {
  const first = conflicts[0];
  if (!first) throw new Error('portConflictError needs at least one conflict');
  const hosts = [...new Set(conflicts.map((c) => c.host))];
  const parts = hosts.map(
    (host) =>
      `host ${host}: ${conflicts
        .filter((c) => c.host === host)
        .map(describeConflict)
        .join(', ')}`,
  );
  return new CrossdockError('PORT_CONFLICT', `${parts.join('; ')}; ${advice ?? 'choose another port'}`, {
    host: first.host,
    port: first.port,
    protocol: first.protocol,
    holder: describeHolder(first.holder),
    conflicts: conflicts.map((c) => `${c.host}:${c.port}/${c.protocol} ${describeHolder(c.holder)}`),
    ...(advice === undefined ? { advice: 'auto-ports' satisfies ErrorAdvice } : {}),
  });
}
