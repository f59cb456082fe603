import { useState, type FormEvent, type ReactNode } from 'react';
import { FormError } from '../forms/text-field.js';
import type { CoreFailure, Outcome } from '../state/core-call.js';
import { ERROR_HINTS } from '../state/error-intent.js';

/** What the vault's three forms share: their props, how a failure reads, and submitting once. */

export interface FormProps {
  /** Called once the vault answered with success. */
  onDone: () => void;
  /** Buttons before the submit button (e.g. Cancel in a dialog). */
  extraActions?: ReactNode;
  autoFocus?: boolean;
}

export function FailureText({ failure }: { failure: CoreFailure }) {
  const hint = failure.code ? ERROR_HINTS[failure.code] : undefined;
  return (
    <FormError testId="vault-error">
      <p>{failure.message}</p>
      {hint && <p className="muted">{hint}</p>}
    </FormError>
  );
}

/** Shared by the three forms: submit once, show the failure, never throw. */
export function useSubmit(run: () => Promise<Outcome<unknown>> | null, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CoreFailure | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const pending = run();
    if (!pending) return;
    setBusy(true);
    const outcome = await pending;
    setBusy(false);
    if (outcome.ok) onDone();
    else setFailure(outcome.failure);
  };
  return { busy, failure, setFailure, onSubmit: (event: FormEvent) => void submit(event) };
}
