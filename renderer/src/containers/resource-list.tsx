import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, useState, type ReactNode } from 'react';
import { ListHeader } from './list-header.js';
import { HEADER_HEIGHT, ROW_HEIGHT } from './list-metrics.js';
import type { ListRow, SortState } from './list-model.js';
import { GroupRow, ItemRow, type Column } from './list-rows.js';
import { useListNavigation } from './use-list-navigation.js';
import './resource-list.css';

const rowHeight = (): number => ROW_HEIGHT;

export interface ResourceListProps<T> {
  label: string;
  testId: string;
  rowTestId: string;
  /** Names the grouped things in group headers, singular ("container"): "3 containers". */
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

  const { activate, onKeyDown } = useListNavigation({
    rows,
    active,
    setActive,
    onToggleGroup,
    onOpen,
    scroller,
    virtualizer,
  });

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
      <ListHeader columns={columns} sort={sort} onSort={onSort} />
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
