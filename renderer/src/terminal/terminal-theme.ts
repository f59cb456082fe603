import type { ITheme } from '@xterm/xterm';
import { cssVar } from '../theme/use-resolved-theme.js';

/** The terminal in the window's colours: sunken surface, body text, accent cursor and selection. */
export function terminalTheme(): ITheme {
  const dark = document.documentElement.dataset.theme === 'dark';
  return {
    background: cssVar('--surface-sunken'),
    foreground: cssVar('--text'),
    cursor: cssVar('--accent'),
    cursorAccent: cssVar('--surface-sunken'),
    selectionBackground: dark ? 'rgba(126, 162, 255, 0.35)' : 'rgba(47, 91, 211, 0.25)',
    // The default ANSI palette is made for dark backgrounds; a few colours need to be darker on light.
    ...(dark
      ? {}
      : {
          yellow: '#8a6d00',
          brightYellow: '#9a7b00',
          white: '#5f6672',
          brightWhite: '#3b414b',
          green: '#1d7a3f',
          brightGreen: '#21884a',
        }),
  };
}

export const TERMINAL_FONT =
  "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
