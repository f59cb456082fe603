import type { ThemePreference } from '../../../shared/index.js';
import { resolveTheme } from './resolve-theme.js';

const darkQuery = (): MediaQueryList | null =>
  typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

let preference: ThemePreference = 'system';
let watching = false;

/**
 * Sets `data-theme` (light|dark, what the CSS keys on) and `data-theme-preference` on <html>.
 * The resolved theme is always written, so the stylesheet needs one set of dark variables
 * instead of repeating them inside a media query.
 */
export function applyTheme(next: ThemePreference): void {
  preference = next;
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(next, darkQuery()?.matches ?? false);
  root.dataset.themePreference = next;
  if (!watching) {
    watching = true;
    // While the preference is `system`, follow the OS switching (e.g. at sunset) live.
    darkQuery()?.addEventListener('change', () => applyTheme(preference));
  }
}
