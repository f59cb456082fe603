import type { HostInfo } from '../../../shared/index.js';

/** The `<option>`s of a host picker: each host by name, with its status when it is not connected. */
export function HostOptions({ hosts }: { hosts: readonly HostInfo[] }) {
  return hosts.map((host) => (
    <option key={host.id} value={host.id}>
      {host.name}
      {host.status === 'connected' ? '' : ` (${host.status})`}
    </option>
  ));
}
