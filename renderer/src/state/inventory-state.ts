import type { HostInfo, SshKeyInfo, VaultStatus } from '../../../shared/index.js';
import { useCrossdock } from './crossdock-state.js';
import { sortHosts } from './host-list.js';
import { byId, valuesOf, writeAnswer, writeEvent, type Entries } from './live-rule.js';

/** Hosts, the vault's status and the SSH keys: what the core keeps about the fleet. */

function setHostEntries(hostEntries: Entries<HostInfo>): void {
  if (hostEntries !== useCrossdock.getState().hostEntries)
    useCrossdock.setState({ hostEntries, hosts: sortHosts(valuesOf(hostEntries)) });
}

/** A `hosts.list` answer of generation `generation`, by the rule in live-rule.ts. */
export function applyHostList(listed: readonly HostInfo[], generation: number): void {
  setHostEntries(
    writeAnswer(useCrossdock.getState().hostEntries, { values: byId(listed), complete: true, generation }),
  );
}

/** A `hosts.changed` event or an action's reply. */
export function applyHost(host: HostInfo): void {
  setHostEntries(writeEvent(useCrossdock.getState().hostEntries, host.id, host));
}

/** A `hosts.removed` event (or a successful `hosts.remove`); unknown ids change nothing. */
export function dropHost(id: string): void {
  setHostEntries(writeEvent(useCrossdock.getState().hostEntries, id, null));
}

export function setVault(vault: VaultStatus): void {
  useCrossdock.setState({ vault });
}

const byKeyName = (a: SshKeyInfo, b: SshKeyInfo): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function setKeys(keys: SshKeyInfo[] | null): void {
  useCrossdock.setState({ keys: keys ? [...keys].sort(byKeyName) : null });
}

export function applyKey(key: SshKeyInfo): void {
  useCrossdock.setState({
    keys: [...(useCrossdock.getState().keys ?? []).filter((k) => k.id !== key.id), key].sort(byKeyName),
  });
}

export function dropKey(id: string): void {
  const keys = useCrossdock.getState().keys;
  if (keys) useCrossdock.setState({ keys: keys.filter((key) => key.id !== id) });
}
