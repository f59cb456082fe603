/**
 * When a deploy pulls a service's image: compose's `pull_policy` (`missing` by default,
 * `if_not_present` its old name), overridden for a whole deploy by `--pull`.
 */
export const PULL_POLICIES = ['missing', 'always', 'never'] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];

/** What to do with one image given the policy and whether the host has it now. */
export function pullDecision(policy: PullPolicy, present: boolean): 'pull' | 'use' | 'missing' {
  if (policy === 'always') return 'pull';
  if (present) return 'use';
  return policy === 'never' ? 'missing' : 'pull';
}
