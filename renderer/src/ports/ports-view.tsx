import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PortMapping } from '../../../shared/index.js';
import { FailureBanner } from '../containers/failure-banner.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { useCrossHostList, type CrossHostLister } from '../workloads/use-cross-host-list.js';
import { DEFAULT_PORT_SORT, dedupePorts, filterPorts, formatHostPort, formatOwner, nextSort, sortPorts, type PortSort, type PortSortKey } from './port-table.js';
import { spacerHeights } from './virtual-rows.js';
import './ports.css';

const listPorts: CrossHostLister<PortMapping> = (api, hosts) => api.ports.list({ hosts });

/** Row and header heights, exactly as ports.css sets them: nothing is measured. */
const ROW_HEIGHT = 33;
const HEADER_HEIGHT = 34;

/** Widths are fixed (table-layout: fixed): columns must not jump as other rows scroll into view. */
const COLUMNS: readonly { key: PortSortKey; label: string; numeric?: boolean; width: string }[] = [
  { key: 'host', label: 'Host', width: '18%' },
  { key: 'port', label: 'Host port', numeric: true, width: '16%' },
  { key: 'project', label: 'Project / service', width: '24%' },
  { key: 'container', label: 'Container', width: '26%' },
  { key: 'containerPort', label: 'Container port', numeric: true, width: '16%' },
];

const rowKey = (row: PortMapping): string => `${row.hostId}|${row.hostIp}|${row.port}|${row.protocol}|${row.containerId}|${row.containerPort}`;

function SortHeader({ column, sort, onSort }: { column: (typeof COLUMNS)[number]; sort: PortSort; onSort: (key: PortSortKey) => void }) {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={column.numeric ? 'numeric' : undefined}>
      <button type="button" className="sort-button" data-testid={`ports-sort-${column.key}`} onClick={() => onSort(column.key)}>
        {column.label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/**
 * Every published port on every host and what publishes it: there is no overlay network, so this
 * is the map. Only the rows in view are drawn (a virtualised table: spacer rows above and below
 * keep its height), so tens of thousands of ports stay smooth and every one can be scrolled to;
 * the table scrolls inside itself, by wheel or by keyboard once focused.
 */
export function PortsView() {
  const hostCount = useCrossdock((state) => state.hosts.length);
  const { list, error } = useCrossHostList(listPorts, '');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<PortSort>(DEFAULT_PORT_SORT);
  const deferredQuery = useDeferredValue(query);
  const filterId = useId();

  const all = useMemo(() => (list ? dedupePorts(list.items) : null), [list]);
  const rows = useMemo(() => (all ? sortPorts(filterPorts(all, deferredQuery), sort) : []), [all, deferredQuery, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => (rows[index] ? rowKey(rows[index]) : index),
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  // A new filter or order starts at the top, where its first rows are.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [deferredQuery, sort]);

  if (all === null) {
    return (
      <p className="muted" data-testid="ports-loading">
        {error ? `Could not list the ports: ${error.message}` : 'Listing the published ports on every host…'}
      </p>
    );
  }
  if (all.length === 0 && (list?.failures.length ?? 0) === 0) {
    return (
      <EmptyState
        view="ports"
        title="No published ports"
        lead="The port map lists every port published on every host, and the project, service and container behind it."
        abilities={[
          'See at a glance which host port is taken, and by what.',
          'Find where a service listens, across all your hosts.',
          'Deploys refuse a taken port, naming what holds it, or move to a free one when you ask.',
        ]}
        footnote={hostCount === 0 ? 'Add a host first, under Hosts.' : 'Running containers that publish ports appear here.'}
      />
    );
  }

  const items = virtualizer.getVirtualItems();
  const { before, after } = spacerHeights(items, virtualizer.getTotalSize(), HEADER_HEIGHT);

  return (
    <div className="page ports-page">
      {list && <FailureBanner failures={list.failures} error={error ? `Could not list the ports: ${error.message}` : null} />}
      <div className="page-toolbar">
        <p className="page-summary" data-testid="ports-summary" aria-live="polite">
          {rows.length === all.length ? `${all.length} published ${all.length === 1 ? 'port' : 'ports'}` : `${rows.length} of ${all.length} published ports`}
        </p>
        <div className="ports-filter">
          <label htmlFor={filterId} className="visually-hidden">
            Filter ports
          </label>
          <input
            id={filterId}
            type="search"
            className="input"
            placeholder="Filter: host, port, project, container…"
            value={query}
            data-testid="ports-filter"
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && query) {
                event.preventDefault();
                setQuery('');
              }
            }}
          />
        </div>
      </div>
      <div ref={scroller} className="ports-scroller" role="region" aria-label="Published ports" tabIndex={0} data-testid="ports-scroller">
        <table className="data-table ports-table" data-testid="ports-table" aria-rowcount={rows.length + 1}>
          <caption className="visually-hidden">Published ports on every host, sorted by {COLUMNS.find((c) => c.key === sort.key)?.label}</caption>
          <colgroup>
            {COLUMNS.map((column) => (
              <col key={column.key} style={{ width: column.width }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={(key) => setSort(nextSort(sort, key))} />
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr className="ports-spacer" aria-hidden="true" style={{ height: before }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
            {items.map((virtual) => {
              const row = rows[virtual.index];
              if (!row) return null;
              return (
                <tr
                  key={virtual.key}
                  aria-rowindex={virtual.index + 2}
                  data-testid="port-row"
                  data-index={virtual.index}
                  data-host={row.hostName}
                  data-port={row.port}
                  data-protocol={row.protocol}
                  data-project={row.project ?? ''}
                  data-container={row.container}
                >
                  <th scope="row" title={row.hostName}>
                    {row.hostName}
                  </th>
                  <td className="numeric mono">{formatHostPort(row)}</td>
                  <td className={row.project ? undefined : 'muted'} title={formatOwner(row)}>
                    {formatOwner(row)}
                  </td>
                  <td className="mono" title={row.container}>
                    {row.container}
                  </td>
                  <td className="numeric mono">
                    {row.containerPort}/{row.protocol}
                  </td>
                </tr>
              );
            })}
            {after > 0 && (
              <tr className="ports-spacer" aria-hidden="true" style={{ height: after }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  No port matches “{deferredQuery}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
