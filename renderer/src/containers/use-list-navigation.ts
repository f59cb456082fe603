import type { Virtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  type Dispatch,
  type KeyboardEvent,
  type RefObject,
  type SetStateAction,
} from 'react';
import { ROW_HEIGHT } from './list-metrics.js';
import { listKeyAction } from './list-keys.js';
import type { ListRow } from './list-model.js';

interface ListNavigationArgs<T> {
  rows: readonly ListRow<T>[];
  /** The active row's index, -1 for none; the list owns this state. */
  active: number;
  setActive: Dispatch<SetStateAction<number>>;
  onToggleGroup: (hostId: string, collapse: boolean | null) => void;
  onOpen: ((item: T) => void) | undefined;
  scroller: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}

/**
 * The resource list's keyboard and click handling: `activate` (a click or Enter) opens an item or
 * folds a host group, and stays the same function for the list's life; `onKeyDown` moves the
 * active row, opens or folds (see listKeyAction).
 */
export function useListNavigation<T>({
  rows,
  active,
  setActive,
  onToggleGroup,
  onOpen,
  scroller,
  virtualizer,
}: ListNavigationArgs<T>) {
  // Rows come and go with filters and events; keep the active index inside the list.
  useEffect(() => {
    if (active >= rows.length) setActive(rows.length - 1);
  }, [rows.length, active]);

  // Read through a ref, so `activate` stays the same function while rows change, and the
  // memoised rows on screen are not rendered again because a row elsewhere changed.
  const latest = useRef({ rows, onToggleGroup, onOpen });
  useLayoutEffect(() => {
    latest.current = { rows, onToggleGroup, onOpen };
  });
  const activate = useCallback((index: number) => {
    const { rows: current, onToggleGroup: toggle, onOpen: open } = latest.current;
    const row = current[index];
    setActive(index);
    if (!row) return;
    if (row.kind === 'group') toggle(row.hostId, null);
    else open?.(row.item);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    const page = Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1;
    const action = listKeyAction(event.key, Math.max(0, active), rows, page);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'move') {
      setActive(action.index);
      virtualizer.scrollToIndex(action.index, { align: 'auto' });
    } else if (action.kind === 'open') {
      activate(action.index);
    } else {
      const row = rows[action.index];
      if (row?.kind === 'group') onToggleGroup(row.hostId, action.collapse);
    }
  };

  return { activate, onKeyDown };
}
