import type { HostInfo } from '../../../shared/index.js';

// Numeric collation, so host-2 comes before host-10.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byName = (a: HostInfo, b: HostInfo): number => collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

export function sortHosts(hosts: readonly HostInfo[]): HostInfo[] {
  return [...hosts].sort(byName);
}
