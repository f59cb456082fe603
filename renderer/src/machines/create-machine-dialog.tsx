import { useEffect, useId, type FormEvent } from 'react';
import type { ProviderInfo, RegionInfo, SizeInfo } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { loadProviders, loadRegions, loadSizes } from '../providers/provider-actions.js';
import { useProviders } from '../providers/providers-store.js';
import type { CoreFailure } from '../state/core-call.js';
import { useCrossdock } from '../state/store.js';
import { useLoaded } from '../state/use-loaded.js';
import { MACHINE_OS, validateCreateMachine, type CreateMachineForm, type CreateMachineProblems, type MachineOs } from './create-machine-form.js';
import { locationChoices, sizesRegion } from './location-choices.js';
import { createMachine } from './machine-actions.js';
import { MachineProgress } from './machine-progress.js';
import { PROVIDER_KIND_LABEL } from './machine-state.js';
import { useMachines } from './machines-store.js';
import { defaultSize } from './size-offers.js';
import { SizeTable } from './size-table.js';

const LOCAL_PROVIDER = 'local';

/** The sandbox builds its machines from debian:12 or ubuntu:24.04 images only. */
const osAvailable = (provider: ProviderInfo | undefined, os: MachineOs): boolean => provider?.kind !== 'local' || os !== 'rocky-9';

function OfferProblem({ what, failure }: { what: string; failure: CoreFailure }) {
  if (failure.silent) return <p className="form-error">The vault is locked; {what} need the provider’s credentials.</p>;
  return (
    <p className="form-error" data-testid="create-machine-offer-error">
      Could not load {what}: {failure.message} {failure.code && <code className="notice-code">{failure.code}</code>}
    </p>
  );
}

/**
 * Creates a machine: the form (provider, place, OS, the provider's sizes side by side, open
 * ports), then, in the same dialog, the job's live progress through create → SSH → bootstrap.
 */
export function CreateMachineDialog({ onClose }: { onClose: () => void }) {
  const providers = useProviders((state) => state.providers);
  const hostNames = useCrossdock((state) => state.hosts.map((host) => host.name).join('\n'));
  const machineNames = useMachines((state) => (state.machines ?? []).map((machine) => machine.name).join('\n'));
  const { busy, failure, setFailure, jobId, start, close, backToForm } = useStartedJob(onClose);
  const { form, problems, setProblems, update } = useFormFields<CreateMachineForm, keyof CreateMachineProblems>(
    { name: '', provider: LOCAL_PROVIDER, location: null, os: 'debian-12', size: null, ports: '' },
    () => setFailure(null),
  );
  const sizeLabel = useId();
  const sizeError = useId();

  useEffect(() => {
    if (!providers) void loadProviders();
  }, [providers]);

  const provider = providers?.find((p) => p.id === form.provider);
  const regions = useLoaded<RegionInfo[]>(provider && provider.kind !== 'local' ? provider.id : null, () => loadRegions(form.provider));
  const locations = provider && (provider.kind === 'local' || regions?.status === 'ready') ? locationChoices(provider, regions?.status === 'ready' ? regions.value : []) : [];
  const location = form.location ?? locations[0]?.value ?? null;
  const sizeRegion = provider ? sizesRegion(provider.kind, location) : undefined;
  const sizes = useLoaded<SizeInfo[]>(provider ? `${provider.id}\n${sizeRegion ?? ''}` : null, () => loadSizes(form.provider, sizeRegion));
  const sizeList = sizes?.status === 'ready' ? sizes.value : null;
  // Until the user picks one, the provider's small size is chosen.
  const size = form.size && sizeList?.some((s) => s.type === form.size) ? form.size : sizeList ? defaultSize(sizeList) : null;

  const chooseProvider = (id: string): void => {
    const next = providers?.find((p) => p.id === id);
    update({ provider: id, location: null, size: null, ...(next && !osAvailable(next, form.os) ? { os: 'debian-12' as const } : {}) });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const taken = [...hostNames.split('\n'), ...machineNames.split('\n')].filter(Boolean);
    const result = validateCreateMachine({ ...form, location, size }, taken);
    if ('problems' in result) return setProblems(result.problems);
    await start(() => createMachine(result.args));
  };

  if (jobId) {
    return (
      <Dialog title={`Creating ${form.name.trim()} on ${provider?.name ?? form.provider}`} testId="create-machine-dialog" onClose={close} size="large">
        <div className="dialog-body">
          <MachineProgress jobId={jobId} name={form.name.trim()} onClose={close} onHide={close} onEdit={backToForm} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Create a machine" testId="create-machine-dialog" onClose={close} size="large">
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <div className="form-pair">
          <TextField label="Name" value={form.name} onChange={(name) => update({ name })} testId="create-machine-name" autoFocus error={problems.name} hint="Also its host name in Crossdock, e.g. web-2." />
          <div className="form-field">
            <label className="form-label" htmlFor="create-machine-provider">
              Provider
            </label>
            <select id="create-machine-provider" className="input" value={form.provider} data-testid="create-machine-provider" onChange={(event) => chooseProvider(event.target.value)}>
              {(providers ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {PROVIDER_KIND_LABEL[p.kind]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-pair">
          <div className="form-field">
            <label className="form-label" htmlFor="create-machine-location">
              {provider?.kind === 'gcp' ? 'Zone' : 'Region'}
            </label>
            {provider?.kind === 'local' ? (
              <p className="form-static" id="create-machine-location">
                This computer
              </p>
            ) : (
              <select
                id="create-machine-location"
                className="input"
                value={location ?? ''}
                data-testid="create-machine-location"
                disabled={locations.length === 0}
                onChange={(event) => update({ location: event.target.value, size: null })}
              >
                {locations.length === 0 && <option value="">{regions?.status === 'failed' ? '—' : 'Loading…'}</option>}
                {locations.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
            {regions?.status === 'failed' && <OfferProblem what="the regions" failure={regions.failure} />}
          </div>
          <div className="form-field">
            <label className="form-label" htmlFor="create-machine-os">
              Operating system
            </label>
            <select id="create-machine-os" className="input" value={form.os} data-testid="create-machine-os" onChange={(event) => update({ os: event.target.value as MachineOs })}>
              {MACHINE_OS.map((os) => (
                <option key={os.value} value={os.value} disabled={!osAvailable(provider, os.value)}>
                  {os.label}
                  {osAvailable(provider, os.value) ? '' : ' (not on the local sandbox)'}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-field">
          <span className="form-label" id={sizeLabel}>
            Size
          </span>
          {sizes?.status === 'failed' && <OfferProblem what="the sizes" failure={sizes.failure} />}
          {(sizes === null || sizes.status === 'loading') && <p className="muted size-loading">Loading the sizes…</p>}
          {sizeList && sizeList.length === 0 && <p className="form-error">This provider offers no size Crossdock can boot here.</p>}
          {sizeList && sizeList.length > 0 && <SizeTable sizes={sizeList} value={size} onChange={(type) => update({ size: type })} labelledBy={sizeLabel} describedBy={problems.size ? sizeError : undefined} />}
          <p className="form-hint">small, medium and large are the vendor-neutral classes, the same on every provider. Prices are on-demand, per hour, in US dollars.</p>
          {problems.size && (
            <p className="form-error" id={sizeError}>
              {problems.size}
            </p>
          )}
        </div>
        <TextField label="Open ports" mono value={form.ports} onChange={(ports) => update({ ports })} testId="create-machine-ports" error={problems.ports} placeholder="80, 443" hint="Comma separated. SSH (22) is always open." />
        {failure && <FailureAlert failure={failure} testId="create-machine-error" />}
        <FormActions onCancel={close} label="Create machine" testId="create-machine-submit" busy={busy} busyLabel="Starting…" disabled={!provider || !sizeList} />
      </form>
    </Dialog>
  );
}
