import { useId } from 'react';
import type { CreateMachineProblems } from './create-machine-form.js';
import { OfferProblem } from './offer-problem.js';
import { SizeTable } from './size-table.js';
import type { MachineOffers } from './use-machine-offers.js';

/** The provider's sizes side by side, with the chosen one marked. */
export function MachineSizeField({
  offers,
  problems,
  onChange,
}: {
  offers: MachineOffers;
  problems: CreateMachineProblems;
  onChange: (size: string) => void;
}) {
  const { sizes, sizeList, size } = offers;
  const sizeLabel = useId();
  const sizeError = useId();
  return (
    <div className="form-field">
      <span className="form-label" id={sizeLabel}>
        Size
      </span>
      {sizes?.status === 'failed' && <OfferProblem what="the sizes" failure={sizes.failure} />}
      {(sizes === null || sizes.status === 'loading') && <p className="muted size-loading">Loading the sizes…</p>}
      {sizeList && sizeList.length === 0 && (
        <p className="form-error">This provider offers no size Crossdock can boot here.</p>
      )}
      {sizeList && sizeList.length > 0 && (
        <SizeTable
          sizes={sizeList}
          value={size}
          onChange={onChange}
          labelledBy={sizeLabel}
          describedBy={problems.size ? sizeError : undefined}
        />
      )}
      <p className="form-hint">
        small, medium and large are the vendor-neutral classes, the same on every provider. Prices are on-demand, per
        hour, in US dollars.
      </p>
      {problems.size && (
        <p className="form-error" id={sizeError}>
          {problems.size}
        </p>
      )}
    </div>
  );
}
