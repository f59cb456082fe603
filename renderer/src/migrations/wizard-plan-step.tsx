import type { FormEvent } from 'react';
import type { MigrationPlan } from '../../../shared/index.js';
import { DialogActions } from '../dialogs/dialog.js';
import { FailureAlert } from '../forms/failure-alert.js';
import type { CoreFailure } from '../state/core-call.js';
import type { Loaded } from '../state/use-live.js';
import { PlanView } from './plan-view.js';
import { StepIndicator, WizardBack } from './wizard-chrome.js';

export interface PlanOptions {
  removeSource: boolean;
  forceRelay: boolean;
}

interface Props {
  plan: Loaded<MigrationPlan> | null;
  options: PlanOptions;
  setOptions: (change: Partial<PlanOptions>) => void;
  startFailure: CoreFailure | null;
  starting: boolean;
  canStart: boolean;
  onStart: (event: FormEvent) => Promise<void>;
  onBack: () => void;
  close: () => void;
}

/** Step 3: the core's plan, refusals first, with the options, and the button that starts it. */
export function WizardPlanStep({
  plan,
  options,
  setOptions,
  startFailure,
  starting,
  canStart,
  onStart,
  onBack,
  close,
}: Props) {
  const { removeSource, forceRelay } = options;
  return (
    <form className="dialog-body" onSubmit={(event) => void onStart(event)}>
      <StepIndicator current="Plan" />
      {plan === null || plan.status === 'loading' ? (
        <p className="muted" data-testid="migration-planning" aria-live="polite">
          Planning: inspecting both hosts, changing nothing…
        </p>
      ) : plan.status === 'failed' ? (
        <FailureAlert failure={plan.failure} testId="migration-plan-error" />
      ) : (
        <PlanView plan={plan.value} />
      )}
      <fieldset className="form-field wizard-options">
        <legend className="form-label">Options</legend>
        <label className="form-check">
          <input
            type="checkbox"
            checked={removeSource}
            data-testid="wizard-remove-source"
            onChange={(event) => setOptions({ removeSource: event.target.checked })}
          />
          <span>
            Remove the source containers afterwards{' '}
            <span className="muted">— once the target runs and the data matched; volumes stay on the source</span>
          </span>
        </label>
        <label className="form-check">
          <input
            type="checkbox"
            checked={forceRelay}
            data-testid="wizard-force-relay"
            onChange={(event) => setOptions({ forceRelay: event.target.checked })}
          />
          <span>
            Relay the data through this computer{' '}
            <span className="muted">— even when the source could reach the target directly (plans again)</span>
          </span>
        </label>
      </fieldset>
      {startFailure && <FailureAlert failure={startFailure} testId="migration-start-error" />}
      <DialogActions>
        <WizardBack onBack={onBack} />
        <button type="button" className="button button-quiet" onClick={close}>
          Cancel
        </button>
        {plan?.status === 'failed' && (
          <button type="button" className="button button-quiet" onClick={onBack}>
            Change the target
          </button>
        )}
        <button
          type="submit"
          className="button"
          data-testid="wizard-start"
          data-autofocus={canStart ? true : undefined}
          disabled={!canStart || starting}
          title={canStart ? undefined : 'The plan refuses this migration; see why above'}
        >
          {starting ? 'Starting…' : 'Start migration'}
        </button>
      </DialogActions>
    </form>
  );
}
