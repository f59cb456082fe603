import type { PortBinding } from '../../../shared/index.js';

/** `sha256:0123456789ab…` → `0123456789ab`, as `docker ps` and `docker images` show ids. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units like `docker images` (1 MB = 1,000,000 bytes), three significant digits. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

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

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Binary units like `docker stats` (1 MiB = 1,048,576 bytes), for memory. */
export function formatBinaryBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}
