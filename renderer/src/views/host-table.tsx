import type { HostInfo } from '../../../shared/index.js';

const STATUS_LABELS: Record<HostInfo['status'], string> = {
  idle: 'Idle',
  connecting: 'Connecting',
  connected: 'Connected',
  disconnected: 'Disconnected',
  error: 'Error',
};

/** The inventory, as `hosts.list` and `hosts.changed` report it. */
export function HostTable({ hosts }: { hosts: readonly HostInfo[] }) {
  return (
    <table className="data-table" data-testid="host-table">
      <caption className="visually-hidden">Hosts</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Endpoint</th>
          <th scope="col">Status</th>
          <th scope="col">Credential</th>
        </tr>
      </thead>
      <tbody>
        {hosts.map((host) => (
          <tr key={host.id} data-testid="host-row">
            <th scope="row">{host.name}</th>
            <td>{host.kind === 'ssh' ? 'SSH' : 'Local engine'}</td>
            <td className="mono">{host.endpoint}</td>
            <td>
              <span className="status-text" data-state={host.status}>
                {STATUS_LABELS[host.status]}
              </span>
            </td>
            <td>{host.hasCredential ? 'Stored in vault' : 'None'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
