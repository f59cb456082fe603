import { useId } from 'react';
import type { HostInfo } from '../../../shared/index.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { HostOptions } from '../hosts/host-options.js';
import type { Loaded } from '../state/use-live.js';
import { withChosen, type SourceChoice } from './source-choices.js';
import { StepIndicator } from './wizard-chrome.js';
import type { WizardSource } from './wizard-store.js';

interface Props {
  hosts: HostInfo[];
  source: WizardSource;
  setSource: (source: WizardSource) => void;
  choices: Loaded<SourceChoice[]>;
  onNext: () => void;
  close: () => void;
}

/** Step 1: the host, and the compose project or container on it to move. */
export function WizardSourceStep({ hosts, source, setSource, choices, onNext, close }: Props) {
  const ids = { host: useId(), name: useId() };
  const options = choices.status === 'ready' ? withChosen(choices.value, source.name) : withChosen([], source.name);
  const ready = source.host !== '' && source.name !== '';
  return (
    <form
      className="dialog-body"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        onNext();
      }}
    >
      <StepIndicator current="Source" />
      <div className="form-field">
        <label className="form-label" htmlFor={ids.host}>
          From host
        </label>
        <select
          id={ids.host}
          className="input"
          value={source.host}
          data-testid="wizard-source-host"
          onChange={(event) => setSource({ ...source, host: event.target.value, name: '' })}
        >
          <HostOptions hosts={hosts} />
        </select>
      </div>
      <fieldset className="form-field wizard-kind">
        <legend className="form-label">What to move</legend>
        <div className="choice-row">
          <label className="form-check">
            <input
              type="radio"
              name="wizard-kind"
              checked={source.kind === 'project'}
              data-testid="wizard-kind-project"
              onChange={() => setSource({ ...source, kind: 'project', name: '' })}
            />
            A compose project, every container of it
          </label>
          <label className="form-check">
            <input
              type="radio"
              name="wizard-kind"
              checked={source.kind === 'container'}
              data-testid="wizard-kind-container"
              onChange={() => setSource({ ...source, kind: 'container', name: '' })}
            />
            One container
          </label>
        </div>
      </fieldset>
      <div className="form-field">
        <label className="form-label" htmlFor={ids.name}>
          {source.kind === 'project' ? 'Project' : 'Container'}
        </label>
        <select
          id={ids.name}
          className="input"
          value={source.name}
          data-testid="wizard-source-name"
          data-autofocus
          onChange={(event) => setSource({ ...source, name: event.target.value })}
        >
          <option value="">
            {choices.status === 'loading'
              ? 'Listing…'
              : options.length === 0
                ? `No ${source.kind === 'project' ? 'compose projects' : 'containers'} on this host`
                : 'Choose…'}
          </option>
          {options.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      {choices.status === 'failed' && <FailureAlert failure={choices.failure} testId="wizard-source-error" />}
      <FormActions onCancel={close} label="Next" testId="wizard-next" disabled={!ready} />
    </form>
  );
}
