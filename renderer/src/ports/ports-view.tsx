import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { pluralize, type PortMapping } from '../../../shared/index.js';
import { FailureBanner } from '../containers/failure-banner.js';
import { useCrossdock } from '../state/store.js';
import { EmptyState } from '../views/empty-state.js';
import { useCrossHostList, type CrossHostLister } from '../workloads/use-cross-host-list.js';
import { HEADER_HEIGHT, PORT_COLUMNS, ROW_HEIGHT, rowKey, SortHeader } from './port-columns.js';
import { PortRow } from './port-row.js';
import { DEFAULT_PORT_SORT, dedupePorts, filterPorts, nextSort, sortPorts, type PortSort } from './port-table.js';
import { PortsFilter } from './ports-filter.js';
import { spacerHeights } from './virtual-rows.js';
import './ports.css';

const listPorts: CrossHostLister<PortMapping> = (api, hosts) => api.ports.list({ hosts });

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
        footnote={
          hostCount === 0 ? 'Add a host first, under Hosts.' : 'Running containers that publish ports appear here.'
        }
      />
    );
  }

  const items = virtualizer.getVirtualItems();
  const { before, after } = spacerHeights(items, virtualizer.getTotalSize(), HEADER_HEIGHT);

  return (
    <div className="page ports-page">
      {list && (
        <FailureBanner failures={list.failures} error={error ? `Could not list the ports: ${error.message}` : null} />
      )}
      <div className="page-toolbar">
        <p className="page-summary" data-testid="ports-summary" aria-live="polite">
          {rows.length === all.length
            ? `${all.length} published ${pluralize(all.length, 'port')}`
            : `${rows.length} of ${all.length} published ${pluralize(all.length, 'port')}`}
        </p>
        <PortsFilter query={query} onChange={setQuery} />
      </div>
      <div
        ref={scroller}
        className="ports-scroller"
        role="region"
        aria-label="Published ports"
        tabIndex={0}
        data-testid="ports-scroller"
      >
        <table className="data-table ports-table" data-testid="ports-table" aria-rowcount={rows.length + 1}>
          <caption className="visually-hidden">
            Published ports on every host, sorted by {PORT_COLUMNS.find((c) => c.key === sort.key)?.label}
          </caption>
          <colgroup>
            {PORT_COLUMNS.map((column) => (
              <col key={column.key} style={{ width: column.width }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {PORT_COLUMNS.map((column) => (
                <SortHeader
                  key={column.key}
                  column={column}
                  sort={sort}
                  onSort={(key) => setSort(nextSort(sort, key))}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr className="ports-spacer" aria-hidden="true" style={{ height: before }}>
                <td colSpan={PORT_COLUMNS.length} />
              </tr>
            )}
            {items.map((virtual) => {
              const row = rows[virtual.index];
              if (!row) return null;
              return <PortRow key={virtual.key} row={row} index={virtual.index} />;
            })}
            {after > 0 && (
              <tr className="ports-spacer" aria-hidden="true" style={{ height: after }}>
                <td colSpan={PORT_COLUMNS.length} />
              </tr>
            )}
            {rows.length === 0 && (
              <tr>
                <td colSpan={PORT_COLUMNS.length} className="muted">
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
