import type { PortMapping } from '../../../shared/index.js';

export type PortSortKey = 'host' | 'port' | 'project' | 'container' | 'containerPort';
export interface PortSort {
  key: PortSortKey;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_PORT_SORT: PortSort = { key: 'host', direction: 'ascending' };

const wildcard = (ip: string): boolean => ip === '' || ip === '0.0.0.0' || ip === '::';

/** `8080/tcp` on every address, `127.0.0.1:5432/tcp` or `[::1]:80/tcp` on one. */
export function formatHostPort(mapping: Pick<PortMapping, 'hostIp' | 'port' | 'protocol'>): string {
  const address = wildcard(mapping.hostIp)
    ? ''
    : `${mapping.hostIp.includes(':') ? `[${mapping.hostIp}]` : mapping.hostIp}:`;
  return `${address}${mapping.port}/${mapping.protocol}`;
}

/** `shop / web`, `shop`, or a dash outside any compose project. */
export function formatOwner(mapping: Pick<PortMapping, 'project' | 'service'>): string {
  if (!mapping.project) return '—';
  return mapping.service ? `${mapping.project} / ${mapping.service}` : mapping.project;
}

/**
 * Docker lists a port bound on every address twice, for IPv4 (`0.0.0.0`) and IPv6 (`::`); the
 * map shows such a port once.
 */
export function dedupePorts(mappings: readonly PortMapping[]): PortMapping[] {
  const seen = new Set<string>();
  const kept: PortMapping[] = [];
  for (const mapping of mappings) {
    const key = `${mapping.hostId}|${wildcard(mapping.hostIp) ? '*' : mapping.hostIp}|${mapping.port}|${mapping.protocol}|${mapping.containerId}|${mapping.containerPort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(mapping);
  }
  return kept;
}

/** Every word of the query must appear in the row's host, address, project, service or container. */
export function filterPorts(mappings: readonly PortMapping[], query: string): PortMapping[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...mappings];
  return mappings.filter((mapping) => {
    const text = [
      mapping.hostName,
      formatHostPort(mapping),
      mapping.hostIp,
      mapping.project ?? '',
      mapping.service ?? '',
      mapping.container,
      `${mapping.containerPort}/${mapping.protocol}`,
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

const byText = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

const COMPARE: Record<PortSortKey, (a: PortMapping, b: PortMapping) => number> = {
  host: (a, b) => byText(a.hostName, b.hostName),
  port: (a, b) => a.port - b.port || byText(a.protocol, b.protocol),
  project: (a, b) => byText(formatOwner(a), formatOwner(b)),
  container: (a, b) => byText(a.container, b.container),
  containerPort: (a, b) => a.containerPort - b.containerPort,
};

/** Sorted by the chosen column, ties broken by host, then port, so the order never jumps. */
export function sortPorts(mappings: readonly PortMapping[], sort: PortSort): PortMapping[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const primary = COMPARE[sort.key];
  return [...mappings].sort(
    (a, b) =>
      sign * primary(a, b) ||
      COMPARE.host(a, b) ||
      COMPARE.port(a, b) ||
      byText(a.hostIp, b.hostIp) ||
      byText(a.container, b.container),
  );
}

/** Clicking the sorted column flips it; another column sorts ascending first. */
export function nextSort(current: PortSort, key: PortSortKey): PortSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}
