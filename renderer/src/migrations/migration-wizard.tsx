import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { MigrationPlan, MigrationSource } from '../../../shared/index.js';
import { Dialog, DialogActions } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { HostOptions } from '../hosts/host-options.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { attempt } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { useLoaded, type Loaded } from '../state/use-loaded.js';
import { startMigration, planMigration } from './migration-actions.js';
import { MigrationFollow } from './migration-follow.js';
import { PlanView } from './plan-view.js';
import { containerChoices, projectChoices, withChosen, type SourceChoice } from './source-choices.js';
import type { WizardSource } from './wizard-store.js';
import './migrations.css';

type Step = 'source' | 'target' | 'plan' | 'progress';

const STEP_NAMES = ['Source', 'Target', 'Plan', 'Progress', 'Outcome'] as const;

function StepIndicator({ current }: { current: (typeof STEP_NAMES)[number] }) {
  const index = STEP_NAMES.indexOf(current);
  return (
    <ol className="wizard-steps" aria-label="Migration steps" data-testid="wizard-steps">
      {STEP_NAMES.map((name, i) => (
        <li key={name} className="wizard-step" data-status={i < index ? 'done' : i === index ? 'current' : 'next'} aria-current={i === index ? 'step' : undefined}>
          <span className="wizard-step-number" aria-hidden="true">
            {i + 1}
          </span>
          {name}
        </li>
      ))}
    </ol>
  );
}

/** Back to the step before, at the start of the button row. */
function WizardBack({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" className="button button-quiet dialog-actions-start" data-testid="wizard-back" onClick={onBack}>
      Back
    </button>
  );
}

/** What can be moved from a host: its compose projects or its containers, listed live from the host. */
function useSourceChoices(host: string, kind: WizardSource['kind']): Loaded<SourceChoice[]> {
  const choices = useLoaded<SourceChoice[]>(host ? `${host}\n${kind}` : null, () =>
    kind === 'project'
      ? attempt(async (api) => {
          const listed = await api.workloads.list({ hosts: [host] });
          if (listed.failures[0]) throw Object.assign(new Error(listed.failures[0].error.message), listed.failures[0].error);
          return projectChoices(listed.items);
        })
      : attempt(async (api) => {
          const listed = await api.docker.containers({ all: true, hosts: [host] });
          if (listed.failures[0]) throw Object.assign(new Error(listed.failures[0].error.message), listed.failures[0].error);
          return containerChoices(listed.items);
        }),
  );
  return choices ?? { status: 'loading' };
}

/**
 * The migration wizard: 1) what to move (a host's container or compose project), 2) where to,
 * 3) the plan from the core, refusals first, with the options, 4) the migration live, 5) its
 * outcome. Each step is a form: Enter goes on, the Back button goes back.
 */
export function MigrationWizard({ initial, onClose }: { initial: WizardSource | null; onClose: () => void }) {
  const hosts = useCrossdock((state) => state.hosts);
  const defaultHost = hosts.find((host) => host.status === 'connected')?.id ?? hosts[0]?.id ?? '';
  const [step, setStep] = useState<Step>(initial ? 'target' : 'source');
  const [source, setSource] = useState<WizardSource>(initial ?? { host: defaultHost, kind: 'project', name: '' });
  const [target, setTarget] = useState<string>(() => hosts.find((host) => host.id !== (initial?.host ?? defaultHost))?.id ?? '');
  const [forceRelay, setForceRelay] = useState(false);
  const [removeSource, setRemoveSource] = useState(false);
  const { busy: starting, failure: startFailure, setFailure: setStartFailure, jobId, job, start: startJob, close } = useStartedJob(onClose);
  const choices = useSourceChoices(source.host, source.kind);
  const ids = { host: useId(), name: useId(), target: useId() };

  const hostName = (id: string): string => hosts.find((host) => host.id === id)?.name ?? id;
  const apiSource: MigrationSource = source.kind === 'project' ? { host: source.host, project: source.name } : { host: source.host, container: source.name };
  const what = source.name ? `${source.kind === 'project' ? 'project ' : ''}${source.name}` : 'a workload';

  // A fresh plan whenever the plan step is shown or what it depends on changes; a start's
  // failure belongs to the plan it was started from.
  const planKey = step === 'plan' ? [source.host, source.kind, source.name, target, forceRelay].join('\n') : null;
  const plan = useLoaded<MigrationPlan>(planKey, () => planMigration({ source: apiSource, target, forceRelay }));
  useEffect(() => {
    if (planKey !== null) setStartFailure(null);
  }, [planKey]);

  // Each step puts focus on its main field or button, so the keyboard carries on from there.
  const root = usePhaseFocus(step === 'progress' ? null : `${step}:${plan?.status ?? ''}`);

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (plan?.status !== 'ready' || plan.value.blockers.length > 0) return;
    if (await startJob(() => startMigration({ source: apiSource, target, forceRelay, removeSource }))) setStep('progress');
  };

  const title = `Migrate ${what}${source.host ? ` from ${hostName(source.host)}` : ''}${step !== 'source' && target ? ` to ${hostName(target)}` : ''}`;

  const canStart = plan?.status === 'ready' && plan.value.blockers.length === 0;
  let body: ReactNode;
  if (step === 'progress' && jobId) {
    body = (
      <div className="dialog-body">
        <StepIndicator current={job && job.state === 'succeeded' ? 'Outcome' : 'Progress'} />
        <MigrationFollow migrationId={jobId} jobId={jobId} onClose={close} onBack={() => setStep('plan')} />
      </div>
    );
  } else if (step === 'source') {
    const options = choices.status === 'ready' ? withChosen(choices.value, source.name) : withChosen([], source.name);
    const ready = source.host !== '' && source.name !== '';
    body = (
      <form
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          if (!target || target === source.host) setTarget(hosts.find((host) => host.id !== source.host)?.id ?? '');
          setStep('target');
        }}
      >
        <StepIndicator current="Source" />
        <div className="form-field">
          <label className="form-label" htmlFor={ids.host}>
            From host
          </label>
          <select id={ids.host} className="input" value={source.host} data-testid="wizard-source-host" onChange={(event) => setSource({ ...source, host: event.target.value, name: '' })}>
            <HostOptions hosts={hosts} />
          </select>
        </div>
        <fieldset className="form-field wizard-kind">
          <legend className="form-label">What to move</legend>
          <div className="choice-row">
            <label className="form-check">
              <input type="radio" name="wizard-kind" checked={source.kind === 'project'} data-testid="wizard-kind-project" onChange={() => setSource({ ...source, kind: 'project', name: '' })} />A compose project, every container
              of it
            </label>
            <label className="form-check">
              <input type="radio" name="wizard-kind" checked={source.kind === 'container'} data-testid="wizard-kind-container" onChange={() => setSource({ ...source, kind: 'container', name: '' })} />
              One container
            </label>
          </div>
        </fieldset>
        <div className="form-field">
          <label className="form-label" htmlFor={ids.name}>
            {source.kind === 'project' ? 'Project' : 'Container'}
          </label>
          <select id={ids.name} className="input" value={source.name} data-testid="wizard-source-name" data-autofocus onChange={(event) => setSource({ ...source, name: event.target.value })}>
            <option value="">{choices.status === 'loading' ? 'Listing…' : options.length === 0 ? `No ${source.kind === 'project' ? 'compose projects' : 'containers'} on this host` : 'Choose…'}</option>
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
  } else if (step === 'target') {
    const targets = hosts.filter((host) => host.id !== source.host);
    body = (
      <form
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          if (target) setStep('plan');
        }}
      >
        <StepIndicator current="Target" />
        <p>
          Moving the {source.kind === 'project' ? 'compose project' : 'container'} <strong>{source.name}</strong> from <strong>{hostName(source.host)}</strong>, with its images, configuration and volume data.
        </p>
        <div className="form-field">
          <label className="form-label" htmlFor={ids.target}>
            To host
          </label>
          <select id={ids.target} className="input" value={target} data-testid="wizard-target-host" data-autofocus onChange={(event) => setTarget(event.target.value)}>
            {targets.length === 0 && <option value="">No other host: add one under Hosts</option>}
            <HostOptions hosts={targets} />
          </select>
          <p className="form-hint">Nothing changes on either host until you start the migration on the next page.</p>
        </div>
        <FormActions onCancel={close} label="Plan" testId="wizard-plan" disabled={!target} before={<WizardBack onBack={() => setStep('source')} />} />
      </form>
    );
  } else {
    body = (
      <form className="dialog-body" onSubmit={(event) => void start(event)}>
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
            <input type="checkbox" checked={removeSource} data-testid="wizard-remove-source" onChange={(event) => setRemoveSource(event.target.checked)} />
            <span>
              Remove the source containers afterwards <span className="muted">— once the target runs and the data matched; volumes stay on the source</span>
            </span>
          </label>
          <label className="form-check">
            <input type="checkbox" checked={forceRelay} data-testid="wizard-force-relay" onChange={(event) => setForceRelay(event.target.checked)} />
            <span>
              Relay the data through this computer <span className="muted">— even when the source could reach the target directly (plans again)</span>
            </span>
          </label>
        </fieldset>
        {startFailure && <FailureAlert failure={startFailure} testId="migration-start-error" />}
        <DialogActions>
          <WizardBack onBack={() => setStep('target')} />
          <button type="button" className="button button-quiet" onClick={close}>
            Cancel
          </button>
          {plan?.status === 'failed' && (
            <button type="button" className="button button-quiet" onClick={() => setStep('target')}>
              Change the target
            </button>
          )}
          <button type="submit" className="button" data-testid="wizard-start" data-autofocus={canStart ? true : undefined} disabled={!canStart || starting} title={canStart ? undefined : 'The plan refuses this migration; see why above'}>
            {starting ? 'Starting…' : 'Start migration'}
          </button>
        </DialogActions>
      </form>
    );
  }

  return (
    <Dialog title={title} testId="migration-wizard" onClose={close} size="large">
      <div ref={root} className="wizard-body" data-step={step}>
        {body}
      </div>
    </Dialog>
  );
}
