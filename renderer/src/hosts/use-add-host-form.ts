import { useState } from 'react';
import type { SshConfigHost, SshKeyInfo } from '../../../shared/index.js';
import { EMPTY_ADD_HOST_FORM, formFromSuggestion, type AddHostForm, type FormProblems } from './add-host-form.js';

/**
 * The add-host form's fields and problems: changing a field clears its problem, picking an
 * ~/.ssh/config entry fills the form from it (and its key, when the vault has it).
 */
export function useAddHostForm(keys: readonly SshKeyInfo[] | null) {
  const [form, setForm] = useState<AddHostForm>(EMPTY_ADD_HOST_FORM);
  const [problems, setProblems] = useState<FormProblems>({});
  const [picked, setPicked] = useState<SshConfigHost | null>(null);

  const update = (changes: Partial<AddHostForm>): void => {
    setForm((current) => ({ ...current, ...changes }));
    setProblems((current) => {
      const next = { ...current };
      for (const field of Object.keys(changes)) delete next[field as keyof FormProblems];
      return next;
    });
  };

  const pick = (suggestion: SshConfigHost): void => {
    setPicked(suggestion);
    setForm((current) => formFromSuggestion(current, suggestion, keys ?? []));
    setProblems({});
  };

  return { form, problems, setProblems, picked, update, pick };
}
