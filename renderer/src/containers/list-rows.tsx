import { memo, type ReactNode } from 'react';
import type { ListRow } from './list-model.js';
import { counted } from '../../../shared/index.js';

export interface Column<T> {
  id: string;
  label: string;
  cell: (item: T) => ReactNode;
  /** e.g. `cell-mono`, `cell-number`. */
  className?: string;
}

interface ItemRowProps<T> {
  id: string;
  row: Extract<ListRow<T>, { kind: 'item' }>;
  index: number;
  start: number;
  columns: readonly Column<T>[];
  active: boolean;
  selected: boolean;
  testId: string;
  /** Stable functions (not their results) are passed, so the memo holds while scrolling. */
  rowAttributes: ((item: T) => Record<string, string>) | undefined;
  renderActions: ((item: T) => ReactNode) | undefined;
  /** Action buttons are the costliest part of a row, so only the row under the pointer, the active and the selected one (and busy ones) get them. */
  showActions: boolean;
  onClick: (index: number) => void;
}

/**
 * One row, positioned by a CSSOM transform (allowed by the CSP, unlike a style attribute in
 * markup). Memoised on its props, so scrolling renders only the rows that come into view.
 */
function ItemRowImpl<T>({
  id,
  row,
  index,
  start,
  columns,
  active,
  selected,
  testId,
  rowAttributes,
  renderActions,
  showActions,
  onClick,
}: ItemRowProps<T>) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className="list-row"
      data-testid={testId}
      data-key={row.key}
      data-index={index}
      data-active={active || undefined}
      {...rowAttributes?.(row.item)}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onClick(index)}
    >
      {columns.map((column) => (
        <div key={column.id} role="gridcell" className={column.className ? `cell ${column.className}` : 'cell'}>
          {column.cell(row.item)}
        </div>
      ))}
      <div role="gridcell" className="cell cell-actions">
        {showActions && renderActions?.(row.item)}
      </div>
    </div>
  );
}

export const ItemRow = memo(ItemRowImpl) as typeof ItemRowImpl;

interface GroupRowProps {
  id: string;
  row: Extract<ListRow<unknown>, { kind: 'group' }>;
  index: number;
  start: number;
  active: boolean;
  noun: string;
  onClick: (index: number) => void;
}

export const GroupRow = memo(function GroupRow({ id, row, index, start, active, noun, onClick }: GroupRowProps) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-expanded={!row.collapsed}
      className="list-row list-group"
      data-testid="list-group"
      data-index={index}
      data-host-id={row.hostId}
      data-active={active || undefined}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onClick(index)}
    >
      <div role="gridcell" className="cell group-cell">
        <svg className="icon group-chevron" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M6 4l4 4-4 4" />
        </svg>
        <span className="group-name">{row.hostName}</span>
        <span className="group-count">{counted(row.count, noun)}</span>
      </div>
    </div>
  );
});
