import type { PortBinding } from '../../../shared/index.js';

/** `sha256:0123456789ab…` → `0123456789ab`, as `docker ps` and `docker images` show ids. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Byte counts in the app's one unit system (binary: KiB, MiB, GiB); see shared/text/bytes.ts. */
export { formatBytes } from '../../../shared/text/bytes.js';

/**
 * Published ports the way people read them: `8080→80/tcp`. Docker lists a port once for IPv4
 * and once for IPv6; those collapse into one. A bind to one address keeps it (`127.0.0.1:5432→5432/tcp`).
 * Exposed-only ports come last, as `80/tcp`.
 */
export function formatPorts(ports: readonly PortBinding[]): string {
  const seen = new Set<string>();
  const published: { order: number; text: string }[] = [];
  const exposed: { order: number; text: string }[] = [];
  for (const port of ports) {
    const wildcard = port.hostIp === null || port.hostIp === '0.0.0.0' || port.hostIp === '::' || port.hostIp === '';
    const text =
      port.hostPort === null
        ? `${port.containerPort}/${port.protocol}`
        : `${wildcard ? '' : `${port.hostIp?.includes(':') ? `[${port.hostIp}]` : port.hostIp}:`}${port.hostPort}→${port.containerPort}/${port.protocol}`;
    if (seen.has(text)) continue;
    seen.add(text);
    (port.hostPort === null ? exposed : published).push({ order: port.hostPort ?? port.containerPort, text });
  }
  const byPort = (a: { order: number }, b: { order: number }): number => a.order - b.order;
  return [...published.sort(byPort), ...exposed.sort(byPort)].map((p) => p.text).join(', ');
}

/** The lowest published host port, for sorting; unpublished containers sort after all others. */
export function firstHostPort(ports: readonly PortBinding[]): number {
  let lowest = Number.MAX_SAFE_INTEGER;
  for (const port of ports) if (port.hostPort !== null && port.hostPort < lowest) lowest = port.hostPort;
  return lowest;
}

/** `2025-01-02T03:04:05Z` → a short local date and time; an unknown date shows as a dash. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** Memory in binary units, like `docker stats`; the same formatter as every other byte count. */
export { formatBytes as formatBinaryBytes } from '../../../shared/text/bytes.js';
