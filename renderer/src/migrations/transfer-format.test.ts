import { describe, expect, it } from 'vitest';
import { counted, formatBytesOf, formatRate, formatSpan, remainingMs } from './transfer-format.js';

describe('formatRate', () => {
  it('writes bytes per second in the binary units of the byte counts', () => {
    expect(formatRate(0)).toBe('0 B/s');
    expect(formatRate(999)).toBe('999 B/s');
    expect(formatRate(12_400_000)).toBe('11.8 MiB/s');
    expect(formatRate(1_250_000_000)).toBe('1.16 GiB/s');
  });

  it('shows a dash when there is no rate to tell', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatRate(-5)).toBe('—');
  });
});

describe('formatSpan', () => {
  it('keeps milliseconds under a second, a decimal under ten seconds', () => {
    expect(formatSpan(0)).toBe('0 ms');
    expect(formatSpan(850.4)).toBe('850 ms');
    expect(formatSpan(4_230)).toBe('4.2 s');
    expect(formatSpan(42_600)).toBe('43 s');
  });

  it('uses minutes and seconds from a minute on, hours from an hour on', () => {
    expect(formatSpan(185_000)).toBe('3m 05s');
    expect(formatSpan(3_720_000)).toBe('1h 02m');
  });

  it('shows a dash for a span it cannot tell', () => {
    expect(formatSpan(null)).toBe('—');
    expect(formatSpan(-1)).toBe('—');
  });
});

describe('formatBytesOf and remainingMs', () => {
  it('names the total when it is known', () => {
    expect(formatBytesOf(12_300_000, 24_000_000)).toBe('11.7 MiB of 22.9 MiB');
    expect(formatBytesOf(12_300_000, null)).toBe('11.7 MiB');
    expect(formatBytesOf(5, 0)).toBe('5 B');
  });

  it('tells the time left at the current rate, or nothing without a total or a rate', () => {
    expect(remainingMs(10_000_000, 30_000_000, 5_000_000)).toBe(4_000);
    expect(remainingMs(40, 30, 5)).toBe(0);
    expect(remainingMs(10, null, 5)).toBeNull();
    expect(remainingMs(10, 30, 0)).toBeNull();
  });
});

describe('counted', () => {
  it('puts the noun in the plural unless there is exactly one', () => {
    expect(counted(0, 'image')).toBe('0 images');
    expect(counted(1, 'image')).toBe('1 image');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
  });
});
