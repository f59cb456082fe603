import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { listKeyAction } from './list-keys.js';
import type { ListRow, SortState } from './list-model.js';
import { GroupRow, ItemRow, type Column } from './list-rows.js';
import './resource-list.css';

const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 32;
const rowHeight = (): number => ROW_HEIGHT;

export interface ResourceListProps<T> {
  label: string;
  testId: string;
  rowTestId: string;
  /** Names the grouped things in group headers ("containers"). */
  noun: string;
  columns: readonly Column<T>[];
  /** The CSS grid of this kind's columns, e.g. `grid-containers`. */
  gridClass: string;
  rows: readonly ListRow<T>[];
  sort: SortState;
  onSort: (column: string) => void;
  onToggleGroup: (hostId: string, collapse: boolean | null) => void;
  onOpen?: ((item: T) => void) | undefined;
  selectedKey?: string | null | undefined;
  rowAttributes?: ((item: T) => Record<string, string>) | undefined;
  actions?: ((item: T) => ReactNode) | undefined;
  /** Rows that show their actions even when not hovered, e.g. while an action runs. */
  keepActions?: ((item: T) => boolean) | undefined;
}

/**
 * One virtualised grid for every kind of Docker object: a sticky header of sort buttons and only
 * the rows in view (fixed height, so nothing is measured). Keyboard: Tab into the list, arrows,
 * Page Up/Down, Home/End to move, Enter to open or fold a host group, Left/Right to fold.
 */
export function ResourceList<T>(props: ResourceListProps<T>) {
  const {
    label,
    testId,
    rowTestId,
    noun,
    columns,
    gridClass,
    rows,
    sort,
    onSort,
    onToggleGroup,
    onOpen,
    selectedKey,
    rowAttributes,
    actions,
    keepActions,
  } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [active, setActive] = useState(-1);
  const [hovered, setHovered] = useState(-1);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    // Rows are never measured (fixed height), so items are keyed by index, the default: a key
    // function that changes with the rows would make the virtualizer lay out all 10,000 rows
    // again on every change of the list.
    estimateSize: rowHeight,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Rows come and go with filters and events; keep the active index inside the list.
  useEffect(() => {
    if (active >= rows.length) setActive(rows.length - 1);
  }, [rows.length, active]);

  // Read through a ref, so `activate` stays the same function while rows change, and the
  // memoised rows on screen are not rendered again because a row elsewhere changed.
  const latest = useRef({ rows, onToggleGroup, onOpen });
  useLayoutEffect(() => {
    latest.current = { rows, onToggleGroup, onOpen };
  });
  const activate = useCallback((index: number) => {
    const { rows: current, onToggleGroup: toggle, onOpen: open } = latest.current;
    const row = current[index];
    setActive(index);
    if (!row) return;
    if (row.kind === 'group') toggle(row.hostId, null);
    else open?.(row.item);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    const page = Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1;
    const action = listKeyAction(event.key, Math.max(0, active), rows, page);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'move') {
      setActive(action.index);
      virtualizer.scrollToIndex(action.index, { align: 'auto' });
    } else if (action.kind === 'open') {
      activate(action.index);
    } else {
      const row = rows[action.index];
      if (row?.kind === 'group') onToggleGroup(row.hostId, action.collapse);
    }
  };

  const rowId = (index: number): string => `${idPrefix}-row-${index}`;
  const margin = virtualizer.options.scrollMargin;

  return (
    <div
      ref={scroller}
      className={`resource-list ${gridClass}`}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-activedescendant={active >= 0 && active < rows.length ? rowId(active) : undefined}
      data-testid={testId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => event.target === event.currentTarget && active < 0 && rows.length > 0 && setActive(0)}
    >
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
      <div
        className="list-body"
        style={{ height: `${virtualizer.getTotalSize()}px` }}
        onMouseOver={(event) => {
          const index = Number((event.target as Element).closest<HTMLElement>('[data-index]')?.dataset.index ?? -1);
          if (index !== hovered) setHovered(index);
        }}
        onMouseLeave={() => setHovered(-1)}
      >
        {virtualizer.getVirtualItems().map((virtual) => {
          const row = rows[virtual.index];
          if (!row) return null;
          const start = virtual.start - margin;
          const isActive = virtual.index === active;
          return row.kind === 'group' ? (
            <GroupRow
              key={row.key}
              id={rowId(virtual.index)}
              row={row}
              index={virtual.index}
              start={start}
              active={isActive}
              noun={noun}
              onClick={activate}
            />
          ) : (
            <ItemRow
              key={row.key}
              id={rowId(virtual.index)}
              row={row}
              index={virtual.index}
              start={start}
              columns={columns}
              active={isActive}
              selected={row.key === selectedKey}
              testId={rowTestId}
              rowAttributes={rowAttributes}
              renderActions={actions}
              showActions={
                isActive || virtual.index === hovered || row.key === selectedKey || (keepActions?.(row.item) ?? false)
              }
              onClick={activate}
            />
          );
        })}
      </div>
    </div>
  );
}
