import { describe, expect, it } from 'vitest';
import type { ListRow } from './list-model.js';
import { listKeyAction } from './list-keys.js';

const rows: ListRow<string>[] = [
  { kind: 'group', key: 'g:a', hostId: 'a', hostName: 'alpha', count: 2, collapsed: false },
  { kind: 'item', key: 'a/1', item: 'one' },
  { kind: 'item', key: 'a/2', item: 'two' },
  { kind: 'group', key: 'g:b', hostId: 'b', hostName: 'beta', count: 5, collapsed: true },
];

describe('listKeyAction', () => {
  it('moves with arrows, pages and Home/End, staying inside the list', () => {
    expect(listKeyAction('ArrowDown', 1, rows, 10)).toEqual({ kind: 'move', index: 2 });
    expect(listKeyAction('ArrowUp', 0, rows, 10)).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction('PageDown', 0, rows, 10)).toEqual({ kind: 'move', index: 3 });
    expect(listKeyAction('End', 0, rows, 10)).toEqual({ kind: 'move', index: 3 });
  });

  it('opens an item with Enter and toggles a group with Enter or Space', () => {
    expect(listKeyAction('Enter', 1, rows, 10)).toEqual({ kind: 'open', index: 1 });
    expect(listKeyAction('Enter', 0, rows, 10)).toEqual({ kind: 'toggle-group', index: 0, collapse: null });
    expect(listKeyAction(' ', 1, rows, 10)).toBeNull();
  });

  it('collapses an open group with Left and expands a closed one with Right, like a tree', () => {
    expect(listKeyAction('ArrowLeft', 0, rows, 10)).toEqual({ kind: 'toggle-group', index: 0, collapse: true });
    expect(listKeyAction('ArrowLeft', 3, rows, 10)).toBeNull();
    expect(listKeyAction('ArrowRight', 3, rows, 10)).toEqual({ kind: 'toggle-group', index: 3, collapse: false });
  });

  it('does nothing in an empty list', () => {
    expect(listKeyAction('ArrowDown', 0, [], 10)).toBeNull();
  });
});
