import type { ReactNode } from 'react';

/** A column head other than plain text. */
export interface DataColumn {
  label: string;
  /** Its cells hold numbers, aligned right. */
  numeric?: boolean;
  /** Read out by screen readers only (a column of radio buttons, of row actions). */
  hidden?: boolean;
}

const ACTIONS_COLUMN: DataColumn = { label: 'Actions', hidden: true };

interface DataTableProps {
  className: string;
  testId?: string;
  /** Read out by screen readers only; the view's heading already says it on screen. */
  caption?: string;
  columns: readonly (string | DataColumn)[];
  /** A last column, unlabelled on screen, for each row's actions (in its last cell). Default true. */
  actions?: boolean;
  /** The `<tbody>` (or several, one per group). */
  children: ReactNode;
}

/** A table of the app's look: its caption, the column heads and, for a list view, the actions column. */
export function DataTable({ className, testId, caption, columns, actions = true, children }: DataTableProps) {
  const heads = [
    ...columns.map((column) => (typeof column === 'string' ? { label: column } : column)),
    ...(actions ? [ACTIONS_COLUMN] : []),
  ];
  return (
    <table className={`data-table ${className}`} data-testid={testId}>
      {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {heads.map((head) => (
            <th key={head.label} scope="col" className={head.numeric ? 'numeric' : undefined}>
              {head.hidden ? <span className="visually-hidden">{head.label}</span> : head.label}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}

interface RowDangerButtonProps {
  /** What it does, e.g. “Remove”; read out with the row's name: “Remove web-1”. */
  action: string;
  name: string;
  testId: string;
  onClick: () => void;
  disabled?: boolean;
}

/** A row's destructive action in its actions cell (it opens a confirmation that names the thing). */
export function RowDangerButton({ action, name, testId, onClick, disabled }: RowDangerButtonProps) {
  return (
    <button
      type="button"
      className="button button-small button-danger"
      data-testid={testId}
      aria-label={`${action} ${name}`}
      disabled={disabled}
      onClick={onClick}
    >
      {action}
    </button>
  );
}
