import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { compareRowKey, priceAge, type CompareRow, type CompareSort } from '../../../shared/index.js';
import { spacerHeights } from '../ports/virtual-rows.js';
import { formatHourlyPrice } from '../machines/size-offers.js';
import { usd } from '../prices/cost-text.js';
import {
  ACTIONS_WIDTH,
  COMPARE_COLUMNS,
  HEADER_HEIGHT,
  PROVIDER_LABEL,
  ROW_HEIGHT,
  type CompareColumn,
} from './compare-columns.js';

interface CompareTableProps {
  rows: readonly CompareRow[];
  sort: CompareSort;
  onSort: (key: CompareColumn['key']) => void;
  /** Null when no account of the row's provider can create it (the button is then disabled). */
  onCreate: (row: CompareRow) => void;
  canCreate: (row: CompareRow) => boolean;
  now: number;
}

function SortHeader({ column, sort, onSort }: { column: CompareColumn; sort: CompareSort; onSort: () => void }) {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={column.numeric ? 'numeric' : undefined}>
      {/* A button, so sorting works from the keyboard (Tab, then Enter or Space). */}
      <button type="button" className="sort-button" data-testid={`compare-sort-${column.key}`} onClick={onSort}>
        {column.label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/**
 * Every size that meets the filters. Only the rows in view are drawn (a region of AWS alone has
 * hundreds of types): spacer rows above and below keep the table as tall as all its rows.
 */
export function CompareTable({ rows, sort, onSort, onCreate, canCreate, now }: CompareTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => (rows[index] ? compareRowKey(rows[index]) : index),
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  // A new filter or order starts at the top, where its first rows are.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [rows]);
  const items = virtualizer.getVirtualItems();
  const { before, after } = spacerHeights(items, virtualizer.getTotalSize(), HEADER_HEIGHT);
  const span = COMPARE_COLUMNS.length + 1;
  const sortedBy = COMPARE_COLUMNS.find((c) => c.key === sort.key)?.label ?? sort.key;

  return (
    <div
      ref={scroller}
      className="compare-scroller"
      role="region"
      aria-label="Sizes and prices"
      tabIndex={0}
      data-testid="compare-scroller"
    >
      <table className="data-table compare-table" data-testid="compare-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">
          Sizes and prices of every provider and region, sorted by {sortedBy}, {sort.direction}
        </caption>
        <colgroup>
          {COMPARE_COLUMNS.map((column) => (
            <col key={column.key} style={{ width: column.width }} />
          ))}
          <col style={{ width: ACTIONS_WIDTH }} />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COMPARE_COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} sort={sort} onSort={() => onSort(column.key)} />
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr className="compare-spacer" aria-hidden="true" style={{ height: before }}>
              <td colSpan={span} />
            </tr>
          )}
          {items.map((virtual) => {
            const row = rows[virtual.index];
            if (!row) return null;
            return (
              <tr
                key={virtual.key}
                aria-rowindex={virtual.index + 2}
                data-testid="compare-row"
                data-provider={row.provider}
                data-region={row.region}
                data-type={row.type}
                data-vcpus={row.vcpus}
                data-memory={row.memoryGiB}
                data-arch={row.arch}
                data-monthly={row.monthlyUsd}
              >
                <td>{PROVIDER_LABEL[row.provider]}</td>
                <td className="mono" title={row.region}>
                  {row.region}
                </td>
                <th scope="row" className="mono" title={row.type}>
                  {row.type}
                </th>
                <td className="numeric">{row.vcpus}</td>
                <td className="numeric">{row.memoryGiB} GiB</td>
                <td>{row.arch}</td>
                <td className="numeric mono">{formatHourlyPrice(row.hourlyUsd)}</td>
                <td className="numeric mono" data-testid="compare-monthly">
                  {usd(row.monthlyUsd)}
                </td>
                <td className="muted" title={row.fetchedAt}>
                  {priceAge(row.fetchedAt, now)}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    data-testid="compare-create"
                    aria-label={`Create a ${row.type} machine in ${row.region}`}
                    disabled={!canCreate(row)}
                    title={canCreate(row) ? undefined : `Add a ${PROVIDER_LABEL[row.provider]} account first`}
                    onClick={() => onCreate(row)}
                  >
                    Create
                  </button>
                </td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr className="compare-spacer" aria-hidden="true" style={{ height: after }}>
              <td colSpan={span} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={span} className="muted" data-testid="compare-no-match">
                No size meets these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
