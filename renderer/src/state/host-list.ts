import type { HostInfo } from '../../../shared/index.js';

// Numeric collation, so host-2 comes before host-10.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byName = (a: HostInfo, b: HostInfo): number => collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

export function sortHosts(hosts: readonly HostInfo[]): HostInfo[] {
  return [...hosts].sort(byName);
}

/** Applies a `hosts.changed` event: a known host is replaced, a new one is added in name order. */
export function upsertHost(hosts: readonly HostInfo[], incoming: HostInfo): HostInfo[] {
  return sortHosts([...hosts.filter((host) => host.id !== incoming.id), incoming]);
}

/** Applies a `hosts.removed` event (or a successful `hosts.remove`); unknown ids change nothing. */
export function withoutHost(hosts: readonly HostInfo[], id: string): HostInfo[] {
  return hosts.some((host) => host.id === id) ? hosts.filter((host) => host.id !== id) : (hosts as HostInfo[]);
}
