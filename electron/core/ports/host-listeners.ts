/** A protocol a port can be published for. */
export type PortProtocol = 'tcp' | 'udp';

/** A socket listening on a host, as `ss -Hlntup` shows it. */
export interface HostListener {
  protocol: PortProtocol;
  /** The local address without brackets or `%interface`; `*` becomes `0.0.0.0`. */
  hostIp: string;
  port: number;
  /** The first process `ss -p` names, when it may see it (root sees all, others only their own). */
  process: string | null;
  pid: number | null;
}

/**
 * `ss -Hlntup`: listening TCP and bound UDP sockets, numeric, with processes, no header. Works on
 * every mainstream Linux (iproute2); `netstat` is gone from most minimal images.
 */
export const LISTENERS_COMMAND = 'ss -Hlntup 2>/dev/null || ss -Hlntu';

/**
 * Parses `ss -Hlntup` output. Lines look like
 * `tcp LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:* users:(("docker-proxy",pid=812,fd=4))`; the first
 * column is the protocol because both -t and -u are given. Lines it cannot read are skipped.
 */
export function parseListeners(output: string): HostListener[] {
  const listeners: HostListener[] = [];
  for (const line of output.split('\n')) {
    const columns = line.trim().split(/\s+/);
    const netid = columns[0];
    const local = columns[4];
    if ((netid !== 'tcp' && netid !== 'udp') || local === undefined) continue;
    const address = splitAddress(local);
    if (!address) continue;
    const users = /users:\(\("([^"]*)",pid=(\d+)/.exec(line);
    listeners.push({
      protocol: netid,
      hostIp: address.ip,
      port: address.port,
      process: users?.[1] ?? null,
      pid: users?.[2] ? Number(users[2]) : null,
    });
  }
  return listeners;
}

function splitAddress(text: string): { ip: string; port: number } | null {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  const port = Number(text.slice(colon + 1));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return null;
  let ip = text.slice(0, colon);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  ip = ip.replace(/%.*$/, '');
  if (ip === '*') ip = '0.0.0.0';
  return { ip, port };
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '*']);

/** True for an address that means "every address of the host". */
export function isWildcard(ip: string | undefined): boolean {
  return ip === undefined || WILDCARDS.has(ip);
}

/**
 * Whether binding `wanted` would collide with something bound at `held` on the same port: a
 * wildcard bind collides with every bind of that port, a specific address with itself and with
 * wildcards (Linux refuses both without SO_REUSEPORT, and docker-proxy does not set it).
 */
export function addressesOverlap(wanted: string | undefined, held: string | undefined): boolean {
  if (isWildcard(wanted) || isWildcard(held)) return true;
  return normalizeIp(wanted ?? '') === normalizeIp(held ?? '');
}

function normalizeIp(ip: string): string {
  return ip.replace(/^::ffff:/i, '').toLowerCase();
}
