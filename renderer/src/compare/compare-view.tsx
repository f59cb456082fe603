import { useDeferredValue, useMemo, useRef, useState } from 'react';
import {
  compareRows,
  DEFAULT_COMPARE_SORT,
  filterCompareRows,
  nextCompareSort,
  NO_COMPARE_FILTER,
  parseCompareFilter,
  priceAge,
  sortCompareRows,
  type CompareFilterInput,
  type CompareRow,
  type CompareSort,
  type PriceCatalogue,
} from '../../../shared/index.js';
import { Segmented } from '../forms/segmented.js';
import { CreateMachineDialog, type CreateMachineInitial } from '../machines/create-machine-dialog.js';
import { useMachinesSync } from '../machines/use-machines-sync.js';
import { hashForView } from '../navigation/views.js';
import { RefreshPrices } from '../prices/refresh-prices.js';
import { useCostReport, usePriceCatalogue } from '../prices/use-prices.js';
import { useProviderList } from '../providers/providers-store.js';
import { useNow } from '../shell/use-now.js';
import { EmptyState } from '../views/empty-state.js';
import { CHART_AXIS_LABEL, type ChartAxis } from './chart-data.js';
import { CompareFilters } from './compare-filters.js';
import { CompareTable } from './compare-table.js';
import { prefillFor } from './create-prefill.js';
import { PriceChart } from './price-chart.js';
import { RunningToday } from './running-today.js';
import './compare.css';

const AXES: readonly { value: ChartAxis; label: string }[] = [
  { value: 'vcpus', label: CHART_AXIS_LABEL.vcpus },
  { value: 'memoryGiB', label: CHART_AXIS_LABEL.memoryGiB },
];

/** What is missing from the catalogue, and how old it is, under the toolbar. */
function CatalogueNotes({ catalogue, now }: { catalogue: PriceCatalogue; now: number }) {
  if (catalogue.missing.length === 0 && !catalogue.stale) return null;
  return (
    <ul className="compare-notes" data-testid="compare-notes">
      {catalogue.stale && catalogue.oldestFetchedAt && (
        <li>Some prices were fetched {priceAge(catalogue.oldestFetchedAt, now)}, over a week ago: refresh them.</li>
      )}
      {catalogue.missing.map((m) => (
        <li key={`${m.kind}/${m.region}/${m.provider}`}>
          No prices for {m.provider} ({m.region}): {m.reason}
        </li>
      ))}
    </ul>
  );
}

/**
 * Every size of every provider and region in the price cache, side by side in normalised terms,
 * filtered and sorted by the same shared functions as `crossdock compare`, with a chart of price
 * against size, "Create machine" on each row, and what the machines run today cost.
 */
export function CompareView() {
  // The providers (for Create machine) and the machines (taken names) stay listed while shown.
  useMachinesSync();
  const { providers } = useProviderList();
  const catalogue = usePriceCatalogue();
  const cost = useCostReport();
  const now = useNow(true, 60_000);
  const [input, setInput] = useState<CompareFilterInput>({});
  const [sort, setSort] = useState<CompareSort>(DEFAULT_COMPARE_SORT);
  const [axis, setAxis] = useState<ChartAxis>('vcpus');
  const [creating, setCreating] = useState<CreateMachineInitial | null>(null);

  const value = catalogue?.status === 'ready' ? catalogue.value : null;
  const all = useMemo(() => (value ? compareRows(value) : []), [value]);
  const parsed = useMemo(() => parseCompareFilter(input), [input]);
  const problems = 'problems' in parsed ? parsed.problems : {};
  // While a field is being fixed, the last filter that could be read stays applied.
  const lastGood = useRef(NO_COMPARE_FILTER);
  if ('filter' in parsed) lastGood.current = parsed.filter;
  const filter = 'filter' in parsed ? parsed.filter : lastGood.current;
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(
    () => sortCompareRows(filterCompareRows(all, deferredFilter), sort),
    [all, deferredFilter, sort],
  );

  const canCreate = (row: CompareRow): boolean => prefillFor(row, providers ?? []) !== null;
  const create = (row: CompareRow): void => {
    const prefill = prefillFor(row, providers ?? []);
    if (prefill) setCreating(prefill);
  };
  const dialog = creating && <CreateMachineDialog initial={creating} onClose={() => setCreating(null)} />;

  if (catalogue === null || catalogue.status === 'loading') {
    return (
      <p className="muted" data-testid="compare-loading">
        Reading the price cache…
      </p>
    );
  }
  if (catalogue.status === 'failed') {
    return (
      <p className="form-error" data-testid="compare-error">
        Could not read the price catalogue: {catalogue.failure.message}
      </p>
    );
  }
  const cat = catalogue.value;
  const hasAccount = (providers ?? []).some((p) => p.kind === 'aws' || p.kind === 'gcp') || cat.missing.length > 0;

  if (all.length === 0) {
    return (
      <div className="page compare-page">
        <EmptyState
          view="compare"
          title={hasAccount ? 'No prices fetched yet' : 'No cloud account to compare'}
          lead="Every size of every provider and region side by side — vCPUs, memory, architecture, price per hour and per month — from the providers’ own price lists, so you can choose where a workload should run before you create a machine."
          abilities={[
            'Filter by vCPUs, memory, architecture, region or continent, and a monthly budget; sort on any column.',
            'See price against size on a chart, and what the machines you run cost this month.',
            'Create a machine straight from the row you pick.',
          ]}
          footnote={<span data-testid="compare-empty-message">{cat.message}</span>}
          action={
            hasAccount ? (
              <RefreshPrices />
            ) : (
              <a className="button" href={hashForView('machines')} data-testid="compare-add-account">
                Add an AWS or Google Cloud account
              </a>
            )
          }
        />
        <CatalogueNotes catalogue={cat} now={now} />
        <RunningToday report={cost} now={now} />
        {dialog}
      </div>
    );
  }

  return (
    <div className="page compare-page">
      <div className="page-toolbar">
        <p className="page-summary" data-testid="compare-summary" aria-live="polite">
          {rows.length === all.length ? `${all.length} sizes` : `${rows.length} of ${all.length} sizes`}
          {cat.oldestFetchedAt && <> · oldest price fetched {priceAge(cat.oldestFetchedAt, now)}</>}
        </p>
        <RefreshPrices />
      </div>
      <CatalogueNotes catalogue={cat} now={now} />
      <CompareFilters input={input} problems={problems} onChange={(change) => setInput({ ...input, ...change })} />
      <section className="compare-chart" aria-labelledby="compare-chart-title">
        <div className="compare-chart-head">
          <h2 id="compare-chart-title" className="section-title">
            Price per month against size
          </h2>
          <Segmented legend="Against" name="compare-axis" value={axis} options={AXES} onChange={setAxis} />
        </div>
        <PriceChart rows={rows} axis={axis} />
        <p className="muted compare-chart-note" data-testid="compare-performance-note">
          Measured performance is not shown: Crossdock does not benchmark machines yet, so there are no scores to
          compare. The chart sets price against vCPUs or memory, which are what the providers sell, not how fast a
          machine is.
        </p>
      </section>
      <CompareTable
        rows={rows}
        sort={sort}
        onSort={(key) => setSort(nextCompareSort(sort, key))}
        canCreate={canCreate}
        onCreate={create}
        now={now}
      />
      <RunningToday report={cost} now={now} />
      {dialog}
    </div>
  );
}
