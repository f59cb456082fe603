import type { ComposePort } from '../../../../shared/index.js';

/** Ranges are expanded into single ports; more than this in one entry is surely a mistake. */
const MAX_RANGE = 1000;

type Parsed = { ports: ComposePort[] } | { error: string };

/**
 * The short syntax of `ports:` — `[[HOST_IP:]HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`,
 * e.g. `8080:80`, `127.0.0.1:5432:5432`, `[::1]:53:53/udp`, `9000-9001:9000-9001`, `80` — as
 * one entry per published port.
 */
export function parseShortPort(entry: string | number): Parsed {
  const text = String(entry).trim();
  const [spec = '', protocolText, ...extra] = text.split('/');
  if (extra.length > 0) return { error: `"${text}" has more than one "/"` };
  const protocol = protocolText ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp')
    return { error: `protocol "${protocol}" is not supported; use tcp or udp` };

  let hostIp: string | null = null;
  let rest = spec;
  const bracketed = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (bracketed) {
    hostIp = bracketed[1] ?? null;
    rest = bracketed[2] ?? '';
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (bracketed && parts.length !== 2))
    return { error: `"${text}" is not [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` };
  if (parts.length === 3) hostIp = parts.shift() ?? null;
  if (hostIp !== null && !/^[0-9a-fA-F:.]+$/.test(hostIp)) return { error: `"${hostIp}" is not an IP address` };
  const containerText = parts.pop() ?? '';
  const hostText = parts.pop();

  const target = parseRange(containerText);
  if (!target) return { error: `"${containerText}" is not a port number or range (1-65535)` };
  if (hostText === undefined || hostText === '') {
    return { ports: expand(target).map((port) => ({ published: null, target: port, protocol, hostIp })) };
  }
  const published = parseRange(hostText);
  if (!published) return { error: `"${hostText}" is not a port number or range (1-65535)` };
  return pairRanges(text, published, target, protocol, hostIp);
}

/** The long syntax's `published`: a number or a `START-END` string, matched to `target`. */
export function parseLongPort(port: {
  target: number;
  published?: string | number | undefined;
  host_ip?: string | undefined;
  protocol?: 'tcp' | 'udp' | undefined;
}): Parsed {
  const protocol = port.protocol ?? 'tcp';
  const hostIp = port.host_ip ?? null;
  if (port.published === undefined || port.published === '')
    return { ports: [{ published: null, target: port.target, protocol, hostIp }] };
  const published = parseRange(String(port.published));
  if (!published) return { error: `"${port.published}" is not a port number or range (1-65535)` };
  return pairRanges(String(port.published), published, [port.target, port.target], protocol, hostIp);
}

function pairRanges(
  text: string,
  published: [number, number],
  target: [number, number],
  protocol: 'tcp' | 'udp',
  hostIp: string | null,
): Parsed {
  const hostPorts = expand(published);
  const targets = expand(target);
  if (hostPorts.length !== targets.length) {
    return {
      error: `"${text}": a host port range must be as long as the container port range (Crossdock publishes each port on a fixed host port)`,
    };
  }
  return { ports: targets.map((port, i) => ({ published: hostPorts[i] ?? null, target: port, protocol, hostIp })) };
}

function parseRange(text: string): [number, number] | null {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (!validPort(start) || !validPort(end) || end < start || end - start >= MAX_RANGE) return null;
  return [start, end];
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function expand([start, end]: [number, number]): number[] {
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}
