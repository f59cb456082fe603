import { useEffect, useState } from 'react';
import type { ResolvedTheme } from './resolve-theme.js';

const read = (): ResolvedTheme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/**
 * The theme in effect (`<html data-theme>`), for the few things painted with colours read from
 * the CSS variables at creation (terminal, charts), which must repaint when it changes.
 */
export function useResolvedTheme(): ResolvedTheme {
  const [theme, setTheme] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** The value of a CSS custom property on <html>, e.g. `cssVar('--accent')`. */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
