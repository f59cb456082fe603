import { describe, expect, it } from 'vitest';
import type { JobLogLine } from '../../../shared/index.js';
import { mergeLogLines } from './job-logs.js';

const line = (seq: number, text = `line ${seq}`): JobLogLine => ({
  jobId: 'j',
  seq,
  at: '2025-01-01T00:00:00.000Z',
  stream: 'info',
  text,
});
const seqs = (lines: JobLogLine[]): number[] => lines.map((l) => l.seq);

describe('mergeLogLines', () => {
  it('appends live lines after the backlog', () => {
    expect(seqs(mergeLogLines([line(1), line(2)], [line(3)]))).toEqual([1, 2, 3]);
  });

  it('merges a backlog that overlaps lines already received live, without duplicates', () => {
    expect(seqs(mergeLogLines([line(4), line(5)], [line(1), line(2), line(3), line(4)]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the line already held when the same seq arrives twice', () => {
    const merged = mergeLogLines([line(1, 'first')], [line(1, 'first')]);
    expect(merged).toHaveLength(1);
  });

  it('keeps only the newest lines beyond the limit', () => {
    expect(seqs(mergeLogLines([line(1), line(2)], [line(3), line(4)], 3))).toEqual([2, 3, 4]);
  });

  it('returns the same array when there is nothing new', () => {
    const existing = [line(1)];
    expect(mergeLogLines(existing, [])).toBe(existing);
  });
});
