import type { MachineCost, MachineInfo } from '../../../shared/index.js';
import { MachineCostCell } from './machine-cost.js';
import { MACHINE_STATE, PROVIDER_KIND_LABEL, locationLabel, machineActions } from './machine-state.js';
import { useMachines } from './machines-store.js';
import { DataTable, RowDangerButton } from '../views/data-table.js';

interface MachineTableProps {
  machines: readonly MachineInfo[];
  onStart: (machine: MachineInfo) => void;
  onStop: (machine: MachineInfo) => void;
  onDestroy: (machine: MachineInfo) => void;
  /** Each machine's cost this month by machine id; null while being added up. */
  costs: ReadonlyMap<string, MachineCost> | null;
  onSetPrice: (machine: MachineInfo) => void;
  now: number;
}

const BUSY_LABEL = { start: 'Starting…', stop: 'Stopping…', destroy: 'Destroying…' } as const;

function Row({
  machine,
  onStart,
  onStop,
  onDestroy,
  costs,
  onSetPrice,
  now,
}: { machine: MachineInfo } & Omit<MachineTableProps, 'machines'>) {
  const busy = useMachines((state) => state.busy[machine.id] ?? null);
  const failure = useMachines((state) => state.rowErrors[machine.id] ?? null);
  const state = MACHINE_STATE[machine.state];
  const actions = machineActions(machine);
  const existing = machine.providerKind === 'ssh';
  return (
    <>
      <tr
        data-testid="machine-row"
        data-machine-name={machine.name}
        data-state={machine.state}
        data-provider-kind={machine.providerKind}
        className={failure ? 'has-row-error' : undefined}
      >
        <th scope="row">
          {machine.name}
          {machine.os && <span className="machine-sub">{machine.os}</span>}
        </th>
        <td>
          {machine.providerName}
          <span className="machine-sub">{PROVIDER_KIND_LABEL[machine.providerKind]}</span>
        </td>
        <td className={machine.region ? 'nowrap' : 'muted'} data-testid="machine-location">
          {locationLabel({ kind: machine.providerKind, region: machine.region })}
        </td>
        <td className="mono nowrap">{machine.type}</td>
        <td className={machine.address ? 'mono nowrap' : 'muted'} data-testid="machine-address">
          {machine.address ?? '—'}
        </td>
        <td>
          <span className="status-pill" data-tone={busy ? 'busy' : state.tone} data-testid="machine-state">
            <span className="status-dot" aria-hidden="true" />
            {busy ? BUSY_LABEL[busy] : state.label}
          </span>
        </td>
        <td className={machine.hostName ? undefined : 'muted'} data-testid="machine-host">
          {machine.hostName ?? '—'}
        </td>
        <MachineCostCell machine={machine} cost={costs?.get(machine.id)} now={now} onSetPrice={onSetPrice} />
        <td className="row-actions">
          {existing ? (
            <span
              className="muted machine-managed-elsewhere"
              title="Crossdock did not create this server: it connects to it, but never starts, stops or destroys it."
            >
              Managed by its owner
            </span>
          ) : (
            <>
              <button
                type="button"
                className="button button-small button-quiet"
                data-testid="machine-start"
                aria-label={`Start ${machine.name}`}
                disabled={!actions.start || busy !== null}
                onClick={() => onStart(machine)}
              >
                Start
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                data-testid="machine-stop"
                aria-label={`Stop ${machine.name}`}
                disabled={!actions.stop || busy !== null}
                onClick={() => onStop(machine)}
              >
                Stop
              </button>
              <RowDangerButton
                action="Destroy"
                name={machine.name}
                testId="machine-destroy"
                disabled={!actions.destroy || busy !== null}
                onClick={() => onDestroy(machine)}
              />
            </>
          )}
        </td>
      </tr>
      {failure && (
        <tr className="machine-row-error" data-testid="machine-error" data-machine-name={machine.name}>
          <td colSpan={9} role="alert">
            <strong>{machine.name}:</strong> {failure.message}{' '}
            {failure.code && <code className="notice-code">{failure.code}</code>}
          </td>
        </tr>
      )}
    </>
  );
}

/** Every machine on every provider, and the existing servers added as hosts. */
export function MachineTable({ machines, ...handlers }: MachineTableProps) {
  return (
    <DataTable
      className="machine-table"
      testId="machine-table"
      caption="Machines"
      columns={['Name', 'Provider', 'Region', 'Size', 'Address', 'State', 'Host', 'Cost this month']}
    >
      <tbody>
        {machines.map((machine) => (
          <Row key={machine.id} machine={machine} {...handlers} />
        ))}
      </tbody>
    </DataTable>
  );
}
