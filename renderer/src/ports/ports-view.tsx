import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { PortMapping } from '../../../shared/index.js';
import { FailureBanner } from '../containers/failure-banner.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { useCrossHostList, type CrossHostLister } from '../workloads/use-cross-host-list.js';
import { DEFAULT_PORT_SORT, dedupePorts, filterPorts, formatHostPort, formatOwner, nextSort, sortPorts, type PortSort, type PortSortKey } from './port-table.js';
import './ports.css';

const listPorts: CrossHostLister<PortMapping> = (api, hosts) => api.ports.list({ hosts });

/**
 * Rows drawn at most; beyond that the filter narrows the list. A table this long is already
 * past reading, and rendering tens of thousands of rows would stall the window.
 */
const ROW_LIMIT = 1000;

const COLUMNS: readonly { key: PortSortKey; label: string; numeric?: boolean }[] = [
  { key: 'host', label: 'Host' },
  { key: 'port', label: 'Host port', numeric: true },
  { key: 'project', label: 'Project / service' },
  { key: 'container', label: 'Container' },
  { key: 'containerPort', label: 'Container port', numeric: true },
];

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

/** Every published port on every host and what publishes it: there is no overlay network, so this is the map. */
export function PortsView() {
  const hostCount = useCrossdock((state) => state.hosts.length);
  const { list, error } = useCrossHostList(listPorts, '');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<PortSort>(DEFAULT_PORT_SORT);
  const deferredQuery = useDeferredValue(query);
  const filterId = useId();

  const all = useMemo(() => (list ? dedupePorts(list.items) : null), [list]);
  const rows = useMemo(() => (all ? sortPorts(filterPorts(all, deferredQuery), sort) : []), [all, deferredQuery, sort]);

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
      <table className="data-table ports-table" data-testid="ports-table">
        <caption className="visually-hidden">Published ports on every host, sorted by {COLUMNS.find((c) => c.key === sort.key)?.label}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} sort={sort} onSort={(key) => setSort(nextSort(sort, key))} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ROW_LIMIT).map((row) => (
            <tr
              key={`${row.hostId}|${row.hostIp}|${row.port}|${row.protocol}|${row.containerId}|${row.containerPort}`}
              data-testid="port-row"
              data-host={row.hostName}
              data-port={row.port}
              data-protocol={row.protocol}
              data-project={row.project ?? ''}
              data-container={row.container}
            >
              <th scope="row">{row.hostName}</th>
              <td className="numeric mono">{formatHostPort(row)}</td>
              <td className={row.project ? undefined : 'muted'}>{formatOwner(row)}</td>
              <td className="mono">{row.container}</td>
              <td className="numeric mono">
                {row.containerPort}/{row.protocol}
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="muted">
                No port matches “{deferredQuery}”.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {rows.length > ROW_LIMIT && <p className="muted">The first {ROW_LIMIT} rows are shown; type in the filter to narrow the list.</p>}
    </div>
  );
}
