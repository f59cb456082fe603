import { useMemo, useState } from 'react';
import { counted, type MachineCost, type MachineInfo } from '../../../shared/index.js';
import { ConfirmDialog } from '../dialogs/confirm-dialog.js';
import { FormError } from '../forms/text-field.js';
import { usd } from '../prices/cost-text.js';
import { useCostReport } from '../prices/use-prices.js';
import { ProvidersPanel } from '../providers/providers-panel.js';
import { useNow } from '../shell/use-now.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { CreateMachineDialog } from './create-machine-dialog.js';
import { destroyMachine, startMachine, stopMachine } from './machine-actions.js';
import { SetPriceDialog } from './machine-cost.js';
import { PROVIDER_KIND_LABEL } from './machine-state.js';
import { MachineTable } from './machine-table.js';
import { machinesLive, useMachineList } from './machines-live.js';
import { useMachinesSync } from './use-machines-sync.js';
import './machines.css';

type Open =
  | { dialog: 'create' }
  | { dialog: 'destroy'; machine: MachineInfo }
  | { dialog: 'price'; machine: MachineInfo }
  | null;

function ListProblem() {
  const { failure } = useMachineList();
  if (!failure) return null;
  const locked = failure.code === 'VAULT_LOCKED';
  return (
    <FormError testId="machines-list-error">
      <p>
        {locked ? (
          'The vault is locked: machines on cloud providers are listed with their credentials, which it keeps.'
        ) : (
          <>Could not list the machines: {failure.message}</>
        )}{' '}
        {failure.code && <code className="notice-code">{failure.code}</code>}
      </p>
      <p>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => void machinesLive.load(null, { vault: locked })}
        >
          {locked ? 'Unlock the vault' : 'Try again'}
        </button>
      </p>
    </FormError>
  );
}

/**
 * Machines on every provider, with start / stop / destroy, and the providers they are made on.
 * The list follows jobs and hosts events (see useMachinesSync).
 */
export function MachinesView() {
  useMachinesSync();
  const { machines } = useMachineList();
  const connected = useCrossdock((state) => state.connection.status === 'connected');
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => setOpen(null);
  // Bumped when a price is set by hand, so the costs are added up again.
  const [pricesSet, setPricesSet] = useState(0);
  const cost = useCostReport(String(pricesSet));
  const report = cost?.status === 'ready' ? cost.value : null;
  const costs = useMemo(
    () => (report ? new Map<string, MachineCost>(report.machines.map((m) => [m.machine, m])) : null),
    [report],
  );
  const now = useNow(true, 60_000);

  const createButton = (
    <button
      type="button"
      className="button"
      data-testid="create-machine"
      disabled={!connected}
      onClick={() => setOpen({ dialog: 'create' })}
    >
      Create machine
    </button>
  );

  return (
    <div className="page machines-page">
      {machines && machines.length > 0 ? (
        <>
          <div className="page-toolbar">
            <p className="page-summary" data-testid="machines-summary">
              {counted(machines.length, 'machine')}
              {report && (
                <span data-testid="machines-cost-total">
                  {' '}
                  · {usd(report.total.soFarUsd)} so far this month, {usd(report.total.projectedUsd)} projected
                  {report.total.unpriced > 0 && <> ({counted(report.total.unpriced, 'machine')} without a price)</>}
                </span>
              )}
            </p>
            {createButton}
          </div>
          <ListProblem />
          <MachineTable
            machines={machines}
            onStart={(m) => void startMachine(m)}
            onStop={(m) => void stopMachine(m)}
            onDestroy={(machine) => setOpen({ dialog: 'destroy', machine })}
            costs={costs}
            onSetPrice={(machine) => setOpen({ dialog: 'price', machine })}
            now={now}
          />
        </>
      ) : (
        <>
          <ListProblem />
          <EmptyState
            view="machines"
            title={machines ? 'No machines yet' : 'Machines'}
            lead="Create machines on the local sandbox, AWS EC2 or Google Compute Engine, and Crossdock installs Docker on them, whatever mainstream Linux they run."
            abilities={[
              'Pick a provider, region, size and image; cloud credentials stay in Crossdock’s encrypted vault.',
              'Get plain Linux servers that you own: nothing Crossdock-specific keeps running on them.',
              'Destroy a machine from here when you no longer need it.',
            ]}
            footnote={
              machines
                ? 'The local sandbox is built in: a first machine needs no cloud account.'
                : 'Listing the machines…'
            }
            action={createButton}
          />
        </>
      )}
      <ProvidersPanel />
      {open?.dialog === 'create' && <CreateMachineDialog onClose={close} />}
      {open?.dialog === 'price' && (
        <SetPriceDialog
          machine={open.machine}
          current={
            costs?.get(open.machine.id)?.priceSource.kind === 'manual'
              ? (costs.get(open.machine.id)?.projectedUsd ?? null)
              : null
          }
          onClose={close}
          onSaved={() => setPricesSet((n) => n + 1)}
        />
      )}
      {open?.dialog === 'destroy' && (
        <ConfirmDialog
          title={`Destroy ${open.machine.name}?`}
          testId="machine-destroy-dialog"
          message={
            <>
              <strong>{open.machine.name}</strong> is deleted on {open.machine.providerName} (
              {PROVIDER_KIND_LABEL[open.machine.providerKind]})
              {open.machine.address ? (
                <>
                  , at <span className="mono">{open.machine.address}</span>
                </>
              ) : null}
              , with its disk and every container and volume on it
              {open.machine.hostName ? <>; the host {open.machine.hostName} is removed from Crossdock</> : null}. This
              cannot be undone.
            </>
          }
          confirmLabel={`Destroy ${open.machine.name}`}
          onConfirm={() => destroyMachine(open.machine)}
          onClose={close}
        />
      )}
    </div>
  );
}
