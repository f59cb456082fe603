import type { ListRow } from './list-model.js';

export type ListKeyAction =
  | { kind: 'move'; index: number }
  | { kind: 'open'; index: number }
  | { kind: 'toggle-group'; index: number; collapse: boolean | null }
  | null;

/**
 * What a key press does in the list: arrows, Page Up/Down, Home and End move the active row;
 * Enter opens an item or toggles a group; Space toggles a group; Left/Right collapse/expand it.
 * Pure, so the keyboard model is tested without a browser.
 */
export function listKeyAction<T>(
  key: string,
  active: number,
  rows: readonly ListRow<T>[],
  pageSize: number,
): ListKeyAction {
  const last = rows.length - 1;
  if (last < 0) return null;
  const clamp = (i: number): number => Math.max(0, Math.min(last, i));
  const current = rows[active];
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', index: clamp(active + 1) };
    case 'ArrowUp':
      return { kind: 'move', index: clamp(active - 1) };
    case 'PageDown':
      return { kind: 'move', index: clamp(active + Math.max(1, pageSize)) };
    case 'PageUp':
      return { kind: 'move', index: clamp(active - Math.max(1, pageSize)) };
    case 'Home':
      return { kind: 'move', index: 0 };
    case 'End':
      return { kind: 'move', index: last };
    case 'Enter':
      if (!current) return null;
      return current.kind === 'group'
        ? { kind: 'toggle-group', index: active, collapse: null }
        : { kind: 'open', index: active };
    case ' ':
      return current?.kind === 'group' ? { kind: 'toggle-group', index: active, collapse: null } : null;
    case 'ArrowLeft':
      return current?.kind === 'group' && !current.collapsed
        ? { kind: 'toggle-group', index: active, collapse: true }
        : null;
    case 'ArrowRight':
      return current?.kind === 'group' && current.collapsed
        ? { kind: 'toggle-group', index: active, collapse: false }
        : null;
    default:
      return null;
  }
}
