import { useEffect, useState } from 'react';
import { copyText } from './key-actions.js';

interface CopyButtonProps {
  text: string;
  label: string;
  testId: string;
  quiet?: boolean;
  /** Names what is copied for screen readers, e.g. "the public key of deploy". */
  what: string;
}

/**
 * Says "Copied" on the button itself: a notice would sit behind an open dialog, which is where
 * public keys are usually copied from.
 */
export function CopyButton({ text, label, testId, quiet, what }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy refused — select the text' : label;
  return (
    <button
      type="button"
      className={quiet ? 'button button-small button-quiet' : 'button button-small'}
      data-testid={testId}
      data-copy-state={state}
      aria-label={`${label}: ${what}`}
      onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))}
    >
      <span aria-live="polite">{shown}</span>
    </button>
  );
}
