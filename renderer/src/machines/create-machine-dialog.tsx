import { useState, type FormEvent } from 'react';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { FailureAlert } from '../forms/failure-alert.js';
import { TextField } from '../forms/text-field.js';
import { useFormFields } from '../forms/use-form-fields.js';
import { useStartedJob } from '../jobs/use-started-job.js';
import { useProviderList } from '../providers/providers-store.js';
import { useCrossdock } from '../state/store.js';
import { validateCreateMachine, type CreateMachineForm, type CreateMachineProblems } from './create-machine-form.js';
import { createMachine } from './machine-actions.js';
import { MachinePlaceFields, osAvailable } from './machine-place-fields.js';
import { MachineProgress } from './machine-progress.js';
import { MachineSizeField } from './machine-size-field.js';
import { useMachineList } from './machines-live.js';
import { useMachineOffers } from './use-machine-offers.js';

const LOCAL_PROVIDER = 'local';

/** What the form starts with when opened from elsewhere (a Compare row): an account, a region, a size. */
export interface CreateMachineInitial {
  provider: string;
  /** A region: the form picks it, or its first zone. */
  near: string;
  size: string;
}

/**
 * Creates a machine: the form (provider, place, OS, the provider's sizes side by side, open
 * ports), then, in the same dialog, the job's live progress through create → SSH → bootstrap.
 */
export function CreateMachineDialog({ onClose, initial }: { onClose: () => void; initial?: CreateMachineInitial }) {
  const { providers } = useProviderList();
  const hostNames = useCrossdock((state) => state.hosts.map((host) => host.name).join('\n'));
  const { machines } = useMachineList();
  const { busy, failure, setFailure, jobId, start, close, backToForm } = useStartedJob(onClose);
  const { form, problems, setProblems, update } = useFormFields<CreateMachineForm, keyof CreateMachineProblems>(
    {
      name: '',
      provider: initial?.provider ?? LOCAL_PROVIDER,
      location: null,
      os: 'debian-12',
      size: initial?.size ?? null,
      ports: '',
    },
    () => setFailure(null),
  );
  // The region asked for, until the user picks another provider.
  const [near, setNear] = useState(initial?.near ?? null);
  // The providers are listed by the view that opens this dialog (see useMachinesSync).
  const provider = providers?.find((p) => p.id === form.provider);
  const offers = useMachineOffers(provider, { ...form, near });
  const { location, size, sizeList } = offers;

  const chooseProvider = (id: string): void => {
    const next = providers?.find((p) => p.id === id);
    setNear(null);
    update({
      provider: id,
      location: null,
      size: null,
      ...(next && !osAvailable(next, form.os) ? { os: 'debian-12' as const } : {}),
    });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const taken = [...hostNames.split('\n'), ...(machines ?? []).map((machine) => machine.name)].filter(Boolean);
    const result = validateCreateMachine({ ...form, location, size }, taken);
    if ('problems' in result) return setProblems(result.problems);
    await start(() => createMachine(result.args));
  };

  if (jobId) {
    return (
      <Dialog
        title={`Creating ${form.name.trim()} on ${provider?.name ?? form.provider}`}
        testId="create-machine-dialog"
        onClose={close}
        size="large"
      >
        <div className="dialog-body">
          <MachineProgress jobId={jobId} name={form.name.trim()} onClose={close} onHide={close} onEdit={backToForm} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Create a machine" testId="create-machine-dialog" onClose={close} size="large">
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <MachinePlaceFields
          form={form}
          problems={problems}
          providers={providers}
          provider={provider}
          offers={offers}
          update={update}
          chooseProvider={chooseProvider}
        />
        <MachineSizeField offers={offers} problems={problems} onChange={(type) => update({ size: type })} />
        <TextField
          label="Open ports"
          mono
          value={form.ports}
          onChange={(ports) => update({ ports })}
          testId="create-machine-ports"
          error={problems.ports}
          placeholder="80, 443"
          hint="Comma separated. SSH (22) is always open."
        />
        {failure && <FailureAlert failure={failure} testId="create-machine-error" />}
        <FormActions
          onCancel={close}
          label="Create machine"
          testId="create-machine-submit"
          busy={busy}
          busyLabel="Starting…"
          disabled={!provider || !sizeList}
        />
      </form>
    </Dialog>
  );
}
