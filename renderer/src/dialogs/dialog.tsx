import { useEffect, useId, useRef, type ReactNode } from 'react';
import { focusInitial, trapTab } from './focus-trap.js';
import './dialog.css';

export interface DialogProps {
  title: string;
  testId: string;
  /** Esc, the close button. The dialog is shown while it is rendered: the parent unmounts it. */
  onClose: () => void;
  children: ReactNode;
  /** `alertdialog` for questions that interrupt (confirmations, a host key to check). */
  role?: 'dialog' | 'alertdialog';
  size?: 'small' | 'medium' | 'large';
  /** Text under the title, read out with it. */
  description?: ReactNode;
}

/**
 * A modal on the native <dialog>: `showModal` puts it in the top layer and makes the page behind
 * inert, Esc fires `cancel` (closed through React so state stays the source of truth), Tab wraps
 * inside, and focus returns to where it was when the dialog closes. Forms inside submit on Enter.
 */
export function Dialog({
  title,
  testId,
  onClose,
  children,
  role = 'dialog',
  size = 'medium',
  description,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    focusInitial(dialog);
    const onKeyDown = (event: KeyboardEvent): void => trapTab(event, dialog);
    const onCancel = (event: Event): void => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('keydown', onKeyDown);
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('keydown', onKeyDown);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      data-testid={testId}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          title="Close (Esc)"
          onClick={() => onCloseRef.current()}
        >
          <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </div>
      {description && (
        <div id={descriptionId} className="dialog-description">
          {description}
        </div>
      )}
      {children}
    </dialog>
  );
}

/** The button row at the bottom of a dialog: the main action last, where Enter's focus ends. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog-actions">{children}</div>;
}
