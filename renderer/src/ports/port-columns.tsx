import type { PortMapping } from '../../../shared/index.js';
import type { PortSort, PortSortKey } from './port-table.js';

/** Row and header heights, exactly as ports.css sets them: nothing is measured. */
export const ROW_HEIGHT = 33;
export const HEADER_HEIGHT = 34;

/** Widths are fixed (table-layout: fixed): columns must not jump as other rows scroll into view. */
export const PORT_COLUMNS: readonly { key: PortSortKey; label: string; numeric?: boolean; width: string }[] = [
  { key: 'host', label: 'Host', width: '18%' },
  { key: 'port', label: 'Host port', numeric: true, width: '16%' },
  { key: 'project', label: 'Project / service', width: '24%' },
  { key: 'container', label: 'Container', width: '26%' },
  { key: 'containerPort', label: 'Container port', numeric: true, width: '16%' },
];

export const rowKey = (row: PortMapping): string =>
  `${row.hostId}|${row.hostIp}|${row.port}|${row.protocol}|${row.containerId}|${row.containerPort}`;

export function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof PORT_COLUMNS)[number];
  sort: PortSort;
  onSort: (key: PortSortKey) => void;
}) {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={column.numeric ? 'numeric' : undefined}>
      <button
        type="button"
        className="sort-button"
        data-testid={`ports-sort-${column.key}`}
        onClick={() => onSort(column.key)}
      >
        {column.label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
