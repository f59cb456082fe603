import { useEffect, useState } from 'react';
import type { ComposeInput, ComposeValidation } from '../../../shared/index.js';
import type { CoreFailure } from '../state/core-call.js';
import { useLiveValue } from '../state/use-live.js';

export interface ComposeCheck {
  validation: ComposeValidation | null;
  /** The check itself failed (not the file): no connection, say. */
  failure: CoreFailure | null;
  checking: boolean;
}

interface Settled {
  key: string | null;
  input: ComposeInput | null;
}

/** What the user typed, once it stayed the same for `ms`. */
function useSettled(key: string | null, input: ComposeInput, ms: number): Settled {
  const [settled, setSettled] = useState<Settled>({ key: null, input: null });
  useEffect(() => {
    if (key === null) return setSettled({ key: null, input: null });
    const timer = setTimeout(() => setSettled({ key, input }), ms);
    return () => clearTimeout(timer);
    // `key` says everything `input` holds.
  }, [key, ms]);
  return settled;
}

/**
 * Validates the compose text with the core as the user types, 300 ms after the last change. The
 * text is the value's key (see useLiveValue), so an answer to older text is dropped with its
 * store; the last answer stays shown while the next one is on its way. Nothing touches a host,
 * and no vault prompt: this runs unasked.
 */
export function useComposeValidation(compose: string, files: Record<string, string>): ComposeCheck {
  const wanted = compose.trim() ? JSON.stringify([compose, files]) : null;
  const settled = useSettled(wanted, { compose, files }, 300);
  const loaded = useLiveValue(settled.key, (api) => api.workloads.validate(settled.input ?? { compose: '' }));
  const answer = loaded?.status === 'ready' ? loaded.value : loaded?.status === 'failed' ? null : undefined;
  const [shown, setShown] = useState<ComposeValidation | null>(null);
  useEffect(() => {
    if (answer !== undefined) setShown(answer);
  }, [answer]);

  if (wanted === null) return { validation: null, failure: null, checking: false };
  return {
    validation: answer === undefined ? shown : answer,
    failure: loaded?.status === 'failed' ? loaded.failure : null,
    checking: settled.key !== wanted || loaded?.status === 'loading',
  };
}
