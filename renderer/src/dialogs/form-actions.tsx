import type { ReactNode } from 'react';
import { DialogActions } from './dialog.js';

interface FormActionsProps {
  /** Closes the dialog; nothing is sent. */
  onCancel: () => void;
  /** What the submit button does, e.g. “Create machine”. */
  label: ReactNode;
  /** Test id of the submit button. */
  testId: string;
  /** While the call the form sent runs: the button says `busyLabel` and cannot be pressed again. */
  busy?: boolean;
  busyLabel?: string;
  /** Not ready to send (busy disables it too). */
  disabled?: boolean;
  /** Buttons before Cancel, e.g. a wizard's Back at the start of the row. */
  before?: ReactNode;
}

/** The button row of a dialog's form: Cancel, then the submit button, which Enter presses. */
export function FormActions({
  onCancel,
  label,
  testId,
  busy = false,
  busyLabel,
  disabled = false,
  before,
}: FormActionsProps) {
  return (
    <DialogActions>
      {before}
      <button type="button" className="button button-quiet" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button" data-testid={testId} disabled={busy || disabled}>
        {busy && busyLabel ? busyLabel : label}
      </button>
    </DialogActions>
  );
}
