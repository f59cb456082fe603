import { useState } from 'react';

/**
 * A form's values and the problems found in them, by field (K names the fields that can have
 * one). Changing a field drops its problem; `onChange` runs on every change too, e.g. to clear
 * the failure of the last send.
 */
export function useFormFields<F extends object, K extends string>(initial: F | (() => F), onChange?: () => void) {
  const [form, setForm] = useState<F>(initial);
  const [problems, setProblems] = useState<Partial<Record<K, string>>>({});

  const update = (changes: Partial<F>): void => {
    setForm((current) => ({ ...current, ...changes }));
    setProblems((current) => {
      const next = { ...current };
      for (const field of Object.keys(changes)) delete next[field as K];
      return next;
    });
    onChange?.();
  };

  return { form, problems, setProblems, update };
}
