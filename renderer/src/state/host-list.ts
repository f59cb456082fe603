import type { HostInfo } from '../../../shared/index.js';

const byName = (a: HostInfo, b: HostInfo): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function sortHosts(hosts: readonly HostInfo[]): HostInfo[] {
  return [...hosts].sort(byName);
}

/** Applies a `hosts.changed` event: a known host is replaced, a new one is added in name order. */
export function upsertHost(hosts: readonly HostInfo[], incoming: HostInfo): HostInfo[] {
  return sortHosts([...hosts.filter((host) => host.id !== incoming.id), incoming]);
}
