import { useEffect, useRef, useState } from 'react';
import type { ComposeValidation } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { validateCompose } from './workload-actions.js';

export interface ComposeCheck {
  validation: ComposeValidation | null;
  /** The check itself failed (not the file): no connection, say. */
  failure: CoreFailure | null;
  checking: boolean;
}

/**
 * Validates the compose text with the core as the user types: 300 ms after the last change,
 * answers to older text dropped. Nothing touches a host.
 */
export function useComposeValidation(compose: string, files: Record<string, string>): ComposeCheck {
  const [check, setCheck] = useState<ComposeCheck>({ validation: null, failure: null, checking: false });
  const latest = useRef(0);
  const filesKey = JSON.stringify(files);

  useEffect(() => {
    const ticket = ++latest.current;
    if (!compose.trim()) {
      setCheck({ validation: null, failure: null, checking: false });
      return;
    }
    setCheck((current) => ({ ...current, checking: true }));
    const timer = setTimeout(() => {
      void validateCompose({ compose, files: JSON.parse(filesKey) as Record<string, string> }).then((outcome) => {
        if (ticket !== latest.current) return;
        setCheck(outcome.ok ? { validation: outcome.value, failure: null, checking: false } : { validation: null, failure: outcome.failure, checking: false });
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [compose, filesKey]);

  return check;
}
