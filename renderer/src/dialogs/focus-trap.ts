const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in document order, skipping hidden ones. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}

/**
 * Keeps Tab and Shift+Tab inside a modal. `showModal` already makes the page behind inert, but
 * Tab past the last control would leave for the browser's own UI; here it wraps around instead.
 */
export function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  // A nested dialog (a question on top of a form) traps its own Tab; the outer one stays out of it.
  if (event.key !== 'Tab' || event.defaultPrevented) return;
  if (event.target instanceof Element && event.target.closest('dialog') !== root) return;
  const items = focusableIn(root);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = root.ownerDocument.activeElement;
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Focuses the element marked `data-autofocus`, else the first field, else the first control. */
export function focusInitial(root: HTMLElement): void {
  const target =
    root.querySelector<HTMLElement>('[data-autofocus]') ??
    root.querySelector<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled])',
    ) ??
    focusableIn(root)[0];
  target?.focus();
}
