import { useId } from 'react';
import type { HostInfo } from '../../../shared/index.js';
import { FormActions } from '../dialogs/form-actions.js';
import { HostOptions } from '../hosts/host-options.js';
import { StepIndicator, WizardBack } from './wizard-chrome.js';
import type { WizardSource } from './wizard-store.js';

interface Props {
  hosts: HostInfo[];
  source: WizardSource;
  target: string;
  setTarget: (target: string) => void;
  hostName: (id: string) => string;
  onNext: () => void;
  onBack: () => void;
  close: () => void;
}

/** Step 2: the host to move to. */
export function WizardTargetStep({ hosts, source, target, setTarget, hostName, onNext, onBack, close }: Props) {
  const ids = { target: useId() };
  const targets = hosts.filter((host) => host.id !== source.host);
  return (
    <form
      className="dialog-body"
      onSubmit={(event) => {
        event.preventDefault();
        if (target) onNext();
      }}
    >
      <StepIndicator current="Target" />
      <p>
        Moving the {source.kind === 'project' ? 'compose project' : 'container'} <strong>{source.name}</strong> from{' '}
        <strong>{hostName(source.host)}</strong>, with its images, configuration and volume data.
      </p>
      <div className="form-field">
        <label className="form-label" htmlFor={ids.target}>
          To host
        </label>
        <select
          id={ids.target}
          className="input"
          value={target}
          data-testid="wizard-target-host"
          data-autofocus
          onChange={(event) => setTarget(event.target.value)}
        >
          {targets.length === 0 && <option value="">No other host: add one under Hosts</option>}
          <HostOptions hosts={targets} />
        </select>
        <p className="form-hint">Nothing changes on either host until you start the migration on the next page.</p>
      </div>
      <FormActions
        onCancel={close}
        label="Plan"
        testId="wizard-plan"
        disabled={!target}
        before={<WizardBack onBack={onBack} />}
      />
    </form>
  );
}
