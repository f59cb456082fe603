import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, jobElapsedMs } from './format-duration.js';

describe('formatDuration', () => {
  it('shows seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42_900)).toBe('42s');
  });

  it('shows minutes with padded seconds under an hour', () => {
    expect(formatDuration(185_000)).toBe('3m 05s');
  });

  it('shows hours with padded minutes and drops seconds', () => {
    expect(formatDuration(3_725_000)).toBe('1h 02m');
  });

  it('treats negative or invalid input as zero (clock skew between core and window)', () => {
    expect(formatDuration(-5000)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
  });
});

describe('jobElapsedMs', () => {
  const startedAt = '2025-01-01T00:00:00.000Z';

  it('measures a finished job from start to end', () => {
    expect(jobElapsedMs({ startedAt, endedAt: '2025-01-01T00:00:09.500Z' }, Date.parse('2025-01-02T00:00:00Z'))).toBe(
      9500,
    );
  });

  it('measures a running job up to now', () => {
    expect(jobElapsedMs({ startedAt, endedAt: null }, Date.parse(startedAt) + 3000)).toBe(3000);
  });

  it('never goes negative when the window clock is behind the core', () => {
    expect(jobElapsedMs({ startedAt, endedAt: null }, Date.parse(startedAt) - 1000)).toBe(0);
  });
});

describe('formatPercent', () => {
  it('rounds down to whole percent so 100% means done', () => {
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.4512)).toBe('45%');
  });

  it('clamps values outside 0..1', () => {
    expect(formatPercent(-1)).toBe('0%');
    expect(formatPercent(7)).toBe('100%');
  });
});
