import type { ReactNode } from 'react';

interface DataTableProps {
  className: string;
  testId: string;
  /** Read out by screen readers only; the view's heading already says it on screen. */
  caption: string;
  columns: readonly string[];
  /** The `<tbody>` (or several, one per group); the last cell of each row holds its actions. */
  children: ReactNode;
}

/** A list view's table: the given columns and a last, unlabelled on screen, one for row actions. */
export function DataTable({ className, testId, caption, columns, children }: DataTableProps) {
  return (
    <table className={`data-table ${className}`} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      {children}
    </table>
  );
}
