import { useId } from 'react';
import type { CompareFilterInput, CompareFilterProblems } from '../../../shared/index.js';
import { TextField } from '../forms/text-field.js';

interface CompareFiltersProps {
  input: CompareFilterInput;
  problems: CompareFilterProblems;
  onChange: (change: Partial<CompareFilterInput>) => void;
}

/** The filters as typed; shared/domain/compare.ts reads them, for this view and `crossdock compare` alike. */
export function CompareFilters({ input, problems, onChange }: CompareFiltersProps) {
  const archId = useId();
  return (
    <form
      className="compare-filters"
      aria-label="Filter the sizes"
      data-testid="compare-filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <TextField
        label="Min vCPUs"
        value={input.vcpus ?? ''}
        onChange={(vcpus) => onChange({ vcpus })}
        testId="compare-filter-vcpus"
        inputMode="numeric"
        error={problems.vcpus}
      />
      <TextField
        label="Min memory (GiB)"
        value={input.memory ?? ''}
        onChange={(memory) => onChange({ memory })}
        testId="compare-filter-memory"
        inputMode="numeric"
        error={problems.memory}
      />
      <div className="form-field">
        <label className="form-label" htmlFor={archId}>
          Architecture
        </label>
        <select
          id={archId}
          className="input"
          value={input.arch ?? ''}
          data-testid="compare-filter-arch"
          onChange={(event) => onChange({ arch: event.target.value })}
        >
          <option value="">Any</option>
          <option value="amd64">amd64 (x86-64)</option>
          <option value="arm64">arm64</option>
        </select>
      </div>
      <TextField
        label="Region or continent"
        value={input.region ?? ''}
        onChange={(region) => onChange({ region })}
        testId="compare-filter-region"
        placeholder="eu, us-east, asia"
        error={problems.region}
      />
      <TextField
        label="Max per month (USD)"
        value={input.maxMonthly ?? ''}
        onChange={(maxMonthly) => onChange({ maxMonthly })}
        testId="compare-filter-max-monthly"
        inputMode="numeric"
        error={problems.maxMonthly}
      />
    </form>
  );
}
