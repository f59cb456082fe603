import { describe, expect, it } from 'vitest';
import { spacerHeights } from './virtual-rows.js';

const ROW = 32;
const HEADER = 34;
/** Items as the virtualizer gives them: starts offset by the header above the rows. */
const items = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => ({
    start: HEADER + (from + k) * ROW,
    end: HEADER + (from + k + 1) * ROW,
  }));

describe('spacerHeights', () => {
  it('keeps the table as tall as every row, wherever the drawn window is', () => {
    const total = 5000 * ROW;
    for (const [from, to] of [
      [0, 29],
      [1200, 1240],
      [4970, 4999],
    ] as const) {
      const { before, after } = spacerHeights(items(from, to), total, HEADER);
      expect(before).toBe(from * ROW);
      expect(after).toBe((4999 - to) * ROW);
      expect(before + (to - from + 1) * ROW + after).toBe(total);
    }
  });

  it('has no spacers when every row is drawn', () => {
    expect(spacerHeights(items(0, 9), 10 * ROW, HEADER)).toEqual({ before: 0, after: 0 });
  });

  it('holds the whole height below before anything is drawn, and nothing for an empty table', () => {
    expect(spacerHeights([], 2000 * ROW, HEADER)).toEqual({ before: 0, after: 2000 * ROW });
    expect(spacerHeights([], 0, HEADER)).toEqual({ before: 0, after: 0 });
  });

  it('never gives a negative height while the list shrinks under a stale window', () => {
    expect(spacerHeights(items(40, 60), 30 * ROW, HEADER)).toEqual({ before: 40 * ROW, after: 0 });
  });
});
