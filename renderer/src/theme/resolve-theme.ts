import type { ThemePreference } from '../../../shared/index.js';

export type ResolvedTheme = 'light' | 'dark';

/** `system` follows the operating system's `prefers-color-scheme`; the others override it. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}
