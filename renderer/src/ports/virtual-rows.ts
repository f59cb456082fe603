/** The part of a virtual item the table needs: where it starts and ends in the scroll element. */
export interface VirtualSpan {
  start: number;
  end: number;
}

/**
 * The heights of the two spacer rows around the rows drawn in a virtualised table: together with
 * the drawn rows they keep the table as tall as all of its rows, so the scroll bar is true and
 * every row can be scrolled to. `margin` is what lies above the first row inside the scroll
 * element (the sticky header), which the virtualizer counts into each item's start and end but
 * not into `totalSize`. Before the first measurement nothing is drawn and the lower spacer holds
 * the whole height.
 */
export function spacerHeights(
  items: readonly VirtualSpan[],
  totalSize: number,
  margin: number,
): { before: number; after: number } {
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return { before: 0, after: Math.max(0, totalSize) };
  return { before: Math.max(0, first.start - margin), after: Math.max(0, totalSize - (last.end - margin)) };
}
