import type { ReactNode } from 'react';
import type { WireError } from '../../../shared/index.js';
import { messageWithAdvice } from '../forms/error-advice.js';
import { FormError } from '../forms/text-field.js';

interface JobFailureProps {
  testId: string;
  /** Stopped by the user: said so, without an error code. */
  cancelled: boolean;
  error: WireError | null | undefined;
  cancelledText: string;
  /** Said when the job ended without an error of its own. */
  endedText: string;
  /** What the failure left behind, or what to do next. */
  children?: ReactNode;
}

/** How a followed job ended when it did not succeed: its error and code, or that it was cancelled. */
export function JobFailure({ testId, cancelled, error, cancelledText, endedText, children }: JobFailureProps) {
  return (
    <FormError testId={testId}>
      <p>
        {cancelled ? cancelledText : error ? messageWithAdvice(error) : endedText}{' '}
        {error?.code && !cancelled && <code className="notice-code">{error.code}</code>}
      </p>
      {children}
    </FormError>
  );
}
