import { useCallback, useMemo, type ReactNode } from 'react';
import { allFailures, type HostSlices, type ResourceItems, type ResourceKind } from './docker-lists.js';
import { setQuery, sortBy, toggleCollapsed, toggleGrouping, useDocker } from './docker-store.js';
import { createListBuilder, type ListSpec } from './list-model.js';
import type { Column } from './list-rows.js';
import { FailureBanner } from './failure-banner.js';
import { ResourceList } from './resource-list.js';
import { counted, pluralize } from '../../../shared/index.js';

export interface ResourcePanelProps<K extends ResourceKind> {
  kind: K;
  spec: ListSpec<ResourceItems[K]>;
  columns: readonly Column<ResourceItems[K]>[];
  gridClass: string;
  /** Singular, lower case: "container" (shared/text/plural.ts makes the plural). */
  noun: string;
  rowTestId: string;
  include?: ((item: ResourceItems[K]) => boolean) | undefined;
  onOpen?: ((item: ResourceItems[K]) => void) | undefined;
  selectedKey?: string | null | undefined;
  rowAttributes?: ((item: ResourceItems[K]) => Record<string, string>) | undefined;
  actions?: ((item: ResourceItems[K]) => ReactNode) | undefined;
  keepActions?: ((item: ResourceItems[K]) => boolean) | undefined;
  /** Extra toolbar controls (the "show stopped" switch). */
  toolbarExtra?: ReactNode;
  /** Less room (the details pane is open): fold the failure banner to one line. */
  compact?: boolean;
}

const numberFormat = new Intl.NumberFormat();

/** Toolbar, failure banner and virtualised list of one kind; everything derived is memoised. */
export function ResourcePanel<K extends ResourceKind>(props: ResourcePanelProps<K>) {
  const {
    kind,
    spec,
    columns,
    gridClass,
    noun: one,
    rowTestId,
    include,
    onOpen,
    selectedKey,
    rowAttributes,
    actions,
    keepActions,
    toolbarExtra,
    compact,
  } = props;
  const slices = useDocker((state) => state.lists[kind]) as HostSlices<ResourceItems[K]>;
  const view = useDocker((state) => state.views[kind]);
  const loading = useDocker((state) => state.loading[kind]);
  const fresh = useDocker((state) => state.fresh[kind]);
  const error = useDocker((state) => state.errors[kind]);
  // No deferred value for the query: with each host's run kept, a keystroke filters 10,000 rows
  // in a few milliseconds, and deferring would cost the filtered rows a second frame.
  const query = view.query;

  // The builder keeps each host's filtered, sorted run, so a refetch of one host re-sorts that host only.
  const builder = useMemo(() => createListBuilder(spec), [spec]);
  const hostItems = useMemo(() => Object.values(slices).map((slice) => slice.value.items), [slices]);
  const failures = useMemo(() => allFailures(slices), [slices]);
  const built = useMemo(
    () =>
      builder.build(hostItems, {
        query,
        sort: view.sort,
        groupByHost: view.groupByHost,
        collapsed: view.collapsed,
        include,
      }),
    [builder, hostItems, query, view.sort, view.groupByHost, view.collapsed, include],
  );
  const onSort = useCallback((column: string) => sortBy(kind, column), [kind]);
  const onToggleGroup = useCallback(
    (hostId: string, collapse: boolean | null) => {
      const collapsed = useDocker.getState().views[kind].collapsed.has(hostId);
      if (collapse === null || collapse !== collapsed) toggleCollapsed(kind, hostId);
    },
    [kind],
  );

  const noun = pluralize(2, one);
  const format = (n: number): string => numberFormat.format(n);
  // "1 of 3 containers": the noun follows the total.
  const count =
    built.matched === built.total
      ? counted(built.total, one, undefined, format)
      : `${format(built.matched)} of ${counted(built.total, one, undefined, format)}`;
  let empty: string | null = null;
  if (built.rows.length === 0) {
    if (loading && !fresh) empty = `Listing ${noun} on every host…`;
    else if (error)
      empty = null; // the banner says why
    else if (built.total === 0)
      empty = `No ${noun} on ${failures.length > 0 ? 'the hosts that answered' : 'your hosts'}.`;
    else empty = `No ${noun} match “${query}”.`;
  }

  return (
    <>
      <div className="list-toolbar">
        <input
          type="search"
          className="input list-filter"
          placeholder={`Filter ${noun}…`}
          aria-label={`Filter ${noun}`}
          data-testid="list-filter"
          value={view.query}
          onChange={(event) => setQuery(kind, event.target.value)}
        />
        <label className="form-check">
          <input
            type="checkbox"
            checked={view.groupByHost}
            data-testid="group-by-host"
            onChange={() => toggleGrouping(kind)}
          />
          Group by host
        </label>
        {toolbarExtra}
        <span className="list-count" role="status" data-testid="list-count">
          {loading && fresh ? 'Refreshing… ' : ''}
          {count}
        </span>
      </div>
      <FailureBanner failures={failures} error={error} compact={compact ?? false} />
      {empty !== null && !error ? (
        <div className="list-empty" data-testid="list-empty">
          {empty}
        </div>
      ) : (
        <ResourceList
          label={noun}
          testId={`${kind}-list`}
          rowTestId={rowTestId}
          noun={one}
          columns={columns}
          gridClass={gridClass}
          rows={built.rows}
          sort={view.sort}
          onSort={onSort}
          onToggleGroup={onToggleGroup}
          onOpen={onOpen}
          selectedKey={selectedKey}
          rowAttributes={rowAttributes}
          actions={actions}
          keepActions={keepActions}
        />
      )}
    </>
  );
}
