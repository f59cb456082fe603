import type { ReactNode } from 'react';
import type { CoreFailure } from '../state/core-call.js';
import { messageWithAdvice } from './error-advice.js';
import { FormError } from './text-field.js';

interface FailureAlertProps {
  failure: CoreFailure;
  testId: string;
  /** What to do about it, under the message. */
  children?: ReactNode;
}

/**
 * A failed call's message and error code as the form's alert. A silent failure (the user
 * dismissed the vault prompt) shows nothing: there is nothing to tell.
 */
export function FailureAlert({ failure, testId, children }: FailureAlertProps) {
  if (failure.silent) return null;
  return (
    <FormError testId={testId}>
      <p>
        {messageWithAdvice(failure)} {failure.code && <code className="notice-code">{failure.code}</code>}
      </p>
      {children}
    </FormError>
  );
}
