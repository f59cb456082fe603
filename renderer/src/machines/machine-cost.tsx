import { type FormEvent, useState } from 'react';
import type { MachineCost, MachineInfo } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { TextField } from '../forms/text-field.js';
import { priceSourceText, usd } from '../prices/cost-text.js';
import { attempt, type CoreFailure } from '../state/core-call.js';
import { parseMonthlyPrice } from './monthly-price.js';

/** A machine's cost this month: so far, projected, and where the price comes from (with its age). */
export function MachineCostCell({
  machine,
  cost,
  now,
  onSetPrice,
}: {
  machine: MachineInfo;
  /** Undefined while the costs are being added up (or could not be). */
  cost: MachineCost | undefined;
  now: number;
  onSetPrice: (machine: MachineInfo) => void;
}) {
  const settable = machine.providerKind === 'ssh' || machine.providerKind === 'hetzner';
  return (
    <td className="machine-cost" data-testid="machine-cost" data-source={cost?.priceSource.kind ?? ''}>
      {cost ? (
        <>
          <span className="mono" data-testid="machine-cost-so-far">
            {usd(cost.soFarUsd)}
          </span>{' '}
          so far
          <span className="machine-sub">
            <span data-testid="machine-cost-projected">{usd(cost.projectedUsd)}</span> this month ·{' '}
            <span data-testid="machine-cost-source">{priceSourceText(cost.priceSource, now)}</span>
          </span>
        </>
      ) : (
        <span className="muted">—</span>
      )}
      {settable && (
        <button
          type="button"
          className="button button-small button-quiet machine-cost-set"
          data-testid="machine-set-price"
          aria-label={`Set the monthly price of ${machine.name}`}
          onClick={() => onSetPrice(machine)}
        >
          {cost?.priceSource.kind === 'manual' ? 'Change price' : 'Set price'}
        </button>
      )}
    </td>
  );
}

/**
 * A monthly price set by hand, for a machine no price list covers (an existing server, a Hetzner
 * machine until its prices are fetched). Empty removes it. The same as `crossdock cost --set`.
 */
export function SetPriceDialog({
  machine,
  current,
  onClose,
  onSaved,
}: {
  machine: MachineInfo;
  current: number | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [text, setText] = useState(current === null ? '' : String(current));
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parseMonthlyPrice(text);
    if ('problem' in parsed) return setProblem(parsed.problem);
    const { monthlyUsd } = parsed;
    setBusy(true);
    const outcome = await attempt((api) => api.prices.setMonthlyPrice({ machine: machine.name, monthlyUsd }));
    setBusy(false);
    if (!outcome.ok) return setFailure(outcome.failure);
    onSaved();
    onClose();
  };

  return (
    <Dialog title={`Monthly price of ${machine.name}`} testId="machine-price-dialog" onClose={onClose} size="small">
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="US dollars per month"
          value={text}
          onChange={(value) => {
            setText(value);
            setProblem(null);
            setFailure(null);
          }}
          testId="machine-price-input"
          inputMode="numeric"
          autoFocus
          error={problem}
          hint="What you pay for this server each month, accrued evenly from the 1st. Leave empty to remove the price."
        />
        {failure && <FailureAlert failure={failure} testId="machine-price-error" />}
        <FormActions
          onCancel={onClose}
          label="Save price"
          testId="machine-price-save"
          busy={busy}
          busyLabel="Saving…"
        />
      </form>
    </Dialog>
  );
}
