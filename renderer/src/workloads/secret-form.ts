import { workloadsSchemas } from '../../../shared/api/workloads.js';

/**
 * The add-secret form as typed. The value is a secret: it lives only in the dialog's own state
 * and goes to the core once, in `workloads.setSecret`; it is never listed back.
 */
export interface SecretForm {
  name: string;
  value: string;
}

export type SecretProblems = Partial<Record<keyof SecretForm, string>>;

/** The contract allows 512 KiB; said in words a person reads. */
const MAX_VALUE_BYTES = 512 * 1024;

/**
 * What is wrong with a secret's name, in words, or null when the contract's own schema (the one
 * the core applies) takes it. Compose files refer to the name, so its spelling matters.
 */
export function secretNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the secret a name, as the compose file’s secrets: refers to it.';
  if (trimmed.length > 100) return `That name is ${trimmed.length} characters long; use at most 100.`;
  if (workloadsSchemas.removeSecret.safeParse({ name: trimmed }).success) return null;
  return /^[._-]/.test(trimmed)
    ? 'Start the name with a letter or a digit.'
    : 'Use letters, digits, ".", "_" or "-" only (no spaces), e.g. db_password.';
}

/**
 * Checks the form with the contract's schema and returns the arguments to send, or a problem per
 * field. The value is sent exactly as typed (spaces matter in a password); only the name is trimmed.
 */
export function validateSecretForm(
  form: SecretForm,
): { args: { name: string; value: string } } | { problems: SecretProblems } {
  const problems: SecretProblems = {};
  const nameProblem = secretNameProblem(form.name);
  if (nameProblem) problems.name = nameProblem;
  if (form.value === '') problems.value = 'Type the value to store.';
  else if (new TextEncoder().encode(form.value).length > MAX_VALUE_BYTES)
    problems.value = 'That value is larger than 512 KB; a secret is a password, a token or a key.';
  if (Object.keys(problems).length > 0) return { problems };
  const result = workloadsSchemas.setSecret.safeParse({ name: form.name.trim(), value: form.value });
  // Both fields were checked above; a refusal here would be a bug, and still nothing is sent.
  if (!result.success) return { problems: { name: result.error.issues[0]?.message ?? 'Check the form.' } };
  return { args: result.data };
}

/** Whether a name is already stored (storing it again replaces the value), compared as the core stores it. */
export function replacesSecret(name: string, stored: readonly { name: string }[]): boolean {
  const trimmed = name.trim();
  return trimmed !== '' && stored.some((secret) => secret.name === trimmed);
}
