import type { HostInfo } from '../../../shared/index.js';
import { HOST_STATUS, hostProblem, shortFingerprint } from './host-status.js';
import { DataTable, RowDangerButton } from '../views/data-table.js';

interface HostTableProps {
  hosts: readonly HostInfo[];
  busy: ReadonlySet<string>;
  onReconnect: (host: HostInfo) => void;
  /** Installs and configures Docker on an SSH host (a job whose log opens in the jobs panel). */
  onBootstrap: (host: HostInfo) => void;
  /** Opens a login shell on an SSH host. */
  onTerminal: (host: HostInfo) => void;
  onRemove: (host: HostInfo) => void;
}

function ProblemCell({ host }: { host: HostInfo }) {
  const problem = hostProblem(host);
  if (!problem) return <td className="muted">—</td>;
  return (
    <td className="host-problem" data-severe={problem.severe} title={problem.message} data-testid="host-error">
      <span className="host-problem-summary">{problem.summary}</span>
      <span className="host-problem-message">{problem.message}</span>
    </td>
  );
}

/** The inventory, as `hosts.list` and the `hosts.changed` / `hosts.removed` events report it. */
export function HostTable({ hosts, busy, onReconnect, onBootstrap, onTerminal, onRemove }: HostTableProps) {
  return (
    <DataTable
      className="host-table"
      testId="host-table"
      caption="Hosts"
      columns={['Name', 'Endpoint', 'Status', 'Host key', 'Problem']}
    >
      <tbody>
        {hosts.map((host) => {
          const status = HOST_STATUS[host.status];
          return (
            <tr
              key={host.id}
              data-testid="host-row"
              data-status={host.status}
              data-host-id={host.id}
              data-host-name={host.name}
            >
              <th scope="row">
                {host.name}
                <span className="host-kind">{host.kind === 'ssh' ? 'SSH' : 'Local engine'}</span>
              </th>
              <td className="mono host-endpoint">{host.endpoint}</td>
              <td>
                <span className="status-pill" data-tone={status.tone} data-testid="host-status">
                  <span className="status-dot" aria-hidden="true" />
                  {status.label}
                </span>
              </td>
              <td
                className={host.hostKey ? 'mono host-fingerprint' : 'muted'}
                title={
                  host.hostKey
                    ? `${host.hostKey.keyType} ${host.hostKey.fingerprint}`
                    : host.kind === 'local'
                      ? 'The local engine is reached without SSH'
                      : 'Not pinned yet'
                }
                data-testid="host-fingerprint"
              >
                {host.hostKey ? shortFingerprint(host.hostKey.fingerprint) : '—'}
              </td>
              <ProblemCell host={host} />
              <td className="row-actions">
                <button
                  type="button"
                  className="button button-small button-quiet"
                  data-testid="host-reconnect"
                  disabled={busy.has(host.id) || host.status === 'connecting'}
                  onClick={() => onReconnect(host)}
                >
                  {busy.has(host.id) ? 'Connecting…' : 'Reconnect'}
                </button>
                {host.kind === 'ssh' && (
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    data-testid="host-terminal-open"
                    title={`A shell on ${host.name}, with the key from the vault`}
                    onClick={() => onTerminal(host)}
                  >
                    Terminal
                  </button>
                )}
                {host.kind === 'ssh' && (
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    data-testid="host-bootstrap"
                    title="Install Docker, or check and fix its configuration (safe to run again)"
                    onClick={() => onBootstrap(host)}
                  >
                    Bootstrap
                  </button>
                )}
                <RowDangerButton action="Remove" name={host.name} testId="host-remove" onClick={() => onRemove(host)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
