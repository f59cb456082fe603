import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { MigrationPlan, MigrationSource } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { usePhaseFocus } from '../dialogs/use-phase-focus.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { useCrossdock } from '../state/store.js';
import { useLiveValue } from '../state/use-live.js';
import { startMigration } from './migration-actions.js';
import { MigrationFollow } from './migration-follow.js';
import { useSourceChoices } from './use-source-choices.js';
import { StepIndicator } from './wizard-chrome.js';
import { WizardPlanStep, type PlanOptions } from './wizard-plan-step.js';
import { WizardSourceStep } from './wizard-source-step.js';
import type { WizardSource } from './wizard-store.js';
import { WizardTargetStep } from './wizard-target-step.js';
import './migrations.css';

type Step = 'source' | 'target' | 'plan' | 'progress';

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
  const [target, setTarget] = useState<string>(
    () => hosts.find((host) => host.id !== (initial?.host ?? defaultHost))?.id ?? '',
  );
  const [options, setOptions] = useState<PlanOptions>({ removeSource: false, forceRelay: false });
  const { forceRelay, removeSource } = options;
  const {
    busy: starting,
    failure: startFailure,
    setFailure: setStartFailure,
    jobId,
    job,
    start: startJob,
    close,
  } = useStartedJob(onClose);
  const choices = useSourceChoices(source.host, source.kind);

  const hostName = (id: string): string => hosts.find((host) => host.id === id)?.name ?? id;
  const apiSource: MigrationSource =
    source.kind === 'project'
      ? { host: source.host, project: source.name }
      : { host: source.host, container: source.name };
  const what = source.name ? `${source.kind === 'project' ? 'project ' : ''}${source.name}` : 'a workload';

  // A fresh plan whenever the plan step is shown or what it depends on changes; a start's
  // failure belongs to the plan it was started from.
  const planKey = step === 'plan' ? [source.host, source.kind, source.name, target, forceRelay].join('\n') : null;
  const plan = useLiveValue<MigrationPlan>(
    planKey,
    (api) => api.migrations.plan({ source: apiSource, target, forceRelay }),
    { vault: true },
  );
  useEffect(() => {
    if (planKey !== null) setStartFailure(null);
  }, [planKey]);

  // Each step puts focus on its main field or button, so the keyboard carries on from there.
  const root = usePhaseFocus(step === 'progress' ? null : `${step}:${plan?.status ?? ''}`);

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (plan?.status !== 'ready' || plan.value.blockers.length > 0) return;
    if (await startJob(() => startMigration({ source: apiSource, target, forceRelay, removeSource })))
      setStep('progress');
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
    const toTarget = (): void => {
      if (!target || target === source.host) setTarget(hosts.find((host) => host.id !== source.host)?.id ?? '');
      setStep('target');
    };
    body = (
      <WizardSourceStep
        hosts={hosts}
        source={source}
        setSource={setSource}
        choices={choices}
        onNext={toTarget}
        close={close}
      />
    );
  } else if (step === 'target') {
    body = (
      <WizardTargetStep
        hosts={hosts}
        source={source}
        target={target}
        setTarget={setTarget}
        hostName={hostName}
        onNext={() => setStep('plan')}
        onBack={() => setStep('source')}
        close={close}
      />
    );
  } else {
    body = (
      <WizardPlanStep
        plan={plan}
        options={options}
        setOptions={(change) => setOptions((current) => ({ ...current, ...change }))}
        startFailure={startFailure}
        starting={starting}
        canStart={canStart}
        onStart={start}
        onBack={() => setStep('target')}
        close={close}
      />
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
