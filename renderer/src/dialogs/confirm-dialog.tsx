import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, DialogActions } from './dialog.js';

export interface ConfirmDialogProps {
  title: string;
  testId: string;
  /** What will happen, naming the thing it happens to. */
  message: ReactNode;
  confirmLabel: string;
  /** Runs the action; the dialog stays open (busy) until it settles, then closes. */
  onConfirm: () => Promise<unknown> | void;
  onClose: () => void;
  tone?: 'danger' | 'normal';
  /** Extra controls between the message and the buttons, e.g. a "force" checkbox. */
  children?: ReactNode;
}

/** A yes/no question. The safe answer (Cancel) has focus, so Enter never destroys by accident. */
export function ConfirmDialog({
  title,
  testId,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  tone = 'danger',
  children,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <Dialog title={title} testId={testId} onClose={onClose} role="alertdialog" size="small" description={message}>
      <form className="dialog-body" onSubmit={(event) => void submit(event)}>
        {children}
        <DialogActions>
          <button type="button" className="button button-quiet" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={tone === 'danger' ? 'button button-danger-solid' : 'button'}
            data-testid={`${testId}-confirm`}
            disabled={busy}
          >
            {confirmLabel}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
