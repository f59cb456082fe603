import type { ProviderInfo } from '../../../shared/index.js';
import { TextField } from '../forms/text-field.js';
import type { CreateMachineForm, CreateMachineProblems } from './create-machine-form.js';
import { MACHINE_OS, type MachineOs } from './create-machine-form.js';
import { PROVIDER_KIND_LABEL } from './machine-state.js';
import { OfferProblem } from './offer-problem.js';
import type { MachineOffers } from './use-machine-offers.js';

/** The sandbox builds its machines from debian:12 or ubuntu:24.04 images only. */
export const osAvailable = (provider: ProviderInfo | undefined, os: MachineOs): boolean =>
  provider?.kind !== 'local' || os !== 'rocky-9';

interface Props {
  form: CreateMachineForm;
  problems: CreateMachineProblems;
  providers: ProviderInfo[] | null;
  provider: ProviderInfo | undefined;
  offers: MachineOffers;
  update: (change: Partial<CreateMachineForm>) => void;
  chooseProvider: (id: string) => void;
}

/** Where the machine goes: its name, provider, region or zone, and operating system. */
export function MachinePlaceFields({ form, problems, providers, provider, offers, update, chooseProvider }: Props) {
  const { regions, locations, location } = offers;
  return (
    <>
      <div className="form-pair">
        <TextField
          label="Name"
          value={form.name}
          onChange={(name) => update({ name })}
          testId="create-machine-name"
          autoFocus
          error={problems.name}
          hint="Also its host name in Crossdock, e.g. web-2."
        />
        <div className="form-field">
          <label className="form-label" htmlFor="create-machine-provider">
            Provider
          </label>
          <select
            id="create-machine-provider"
            className="input"
            value={form.provider}
            data-testid="create-machine-provider"
            onChange={(event) => chooseProvider(event.target.value)}
          >
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
            {provider?.kind === 'gcp' ? 'Zone' : provider?.kind === 'hetzner' ? 'Location' : 'Region'}
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
          <select
            id="create-machine-os"
            className="input"
            value={form.os}
            data-testid="create-machine-os"
            onChange={(event) => update({ os: event.target.value as MachineOs })}
          >
            {MACHINE_OS.map((os) => (
              <option key={os.value} value={os.value} disabled={!osAvailable(provider, os.value)}>
                {os.label}
                {osAvailable(provider, os.value) ? '' : ' (not on the local sandbox)'}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}
