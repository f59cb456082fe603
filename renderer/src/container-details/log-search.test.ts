import { describe, expect, it } from 'vitest';
import type { LogLine } from './log-buffer.js';
import { countMatches, highlight, visibleLines } from './log-search.js';

const lines: LogLine[] = ['GET /health 200', 'POST /login 401', 'get /HEALTH 200'].map((text, i) => ({
  seq: i + 1,
  stream: 'stdout',
  text,
}));

describe('visibleLines', () => {
  it('shows every line unless filtering by a query', () => {
    expect(visibleLines(lines, 'health', false)).toBeNull();
    expect(visibleLines(lines, '', true)).toBeNull();
  });

  it('keeps the matching lines, ignoring case', () => {
    expect(visibleLines(lines, 'health', true)).toEqual([0, 2]);
    expect(countMatches(lines, 'HEALTH')).toBe(2);
  });
});

describe('highlight', () => {
  it('marks every occurrence and keeps the original case', () => {
    expect(highlight('Error: error!', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': ', match: false },
      { text: 'error', match: true },
      { text: '!', match: false },
    ]);
  });

  it('returns the text whole without a query', () => {
    expect(highlight('plain', '')).toEqual([{ text: 'plain', match: false }]);
  });
});
