import type { SortState } from './list-model.js';
import type { Column } from './list-rows.js';

interface ListHeaderProps<T> {
  columns: readonly Column<T>[];
  sort: SortState;
  onSort: (column: string) => void;
}

/** The list's sticky header row: a sort button per column, then the (unlabelled) actions column. */
export function ListHeader<T>({ columns, sort, onSort }: ListHeaderProps<T>) {
  return (
    <div role="row" aria-rowindex={1} className="list-row list-header">
      {columns.map((column) => (
        <div
          key={column.id}
          role="columnheader"
          className="cell"
          aria-sort={sort.column === column.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
        >
          <button
            type="button"
            className="sort-button"
            data-testid={`sort-${column.id}`}
            onClick={() => onSort(column.id)}
          >
            {column.label}
            <svg
              className="icon sort-arrow"
              viewBox="0 0 16 16"
              aria-hidden="true"
              data-direction={sort.column === column.id ? sort.direction : undefined}
            >
              <path d="M5 7l3-3 3 3M5 9l3 3 3-3" />
            </svg>
          </button>
        </div>
      ))}
      <div role="columnheader" className="cell cell-actions">
        <span className="visually-hidden">Actions</span>
      </div>
    </div>
  );
}
