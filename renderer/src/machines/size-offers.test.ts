import { describe, expect, it } from 'vitest';
import type { SizeInfo } from '../../../shared/index.js';
import { defaultSize, formatHourlyPrice, formatMemory, sortSizes } from './size-offers.js';

const size = (
  type: string,
  vcpus: number,
  memoryGiB: number,
  hourlyPriceUsd: number | null,
  normalized: SizeInfo['normalized'] = null,
): SizeInfo => ({
  type,
  vcpus,
  memoryGiB,
  arch: 'amd64',
  hourlyPriceUsd,
  normalized,
});

describe('sortSizes', () => {
  it('puts the small, medium and large picks first, then the rest from the smallest, cheaper first', () => {
    const sizes = [
      size('m.big', 16, 64, 2.1),
      size('l', 8, 32, 1.2, 'large'),
      size('t.nano', 2, 0.5, 0.005),
      size('s', 2, 4, 0.04, 'small'),
      size('t.micro-b', 2, 1, null),
      size('t.micro-a', 2, 1, 0.01),
      size('m', 2, 8, 0.09, 'medium'),
    ];
    expect(sortSizes(sizes).map((s) => s.type)).toEqual(['s', 'm', 'l', 't.nano', 't.micro-a', 't.micro-b', 'm.big']);
  });

  it('does not change the list it is given', () => {
    const sizes = [size('b', 4, 8, 1), size('a', 2, 4, 1)];
    sortSizes(sizes);
    expect(sizes.map((s) => s.type)).toEqual(['b', 'a']);
  });
});

describe('defaultSize', () => {
  it('picks the provider’s small size, else the first in table order, else nothing', () => {
    expect(defaultSize([size('x', 8, 32, 1, 'large'), size('y', 2, 4, 0.1, 'small')])).toBe('y');
    expect(defaultSize([size('x', 8, 32, 1), size('y', 2, 4, 0.1)])).toBe('y');
    expect(defaultSize([])).toBeNull();
  });
});

describe('formatMemory', () => {
  it('shows GiB without trailing zeros', () => {
    expect(formatMemory(2)).toBe('2 GiB');
    expect(formatMemory(0.5)).toBe('0.5 GiB');
    expect(formatMemory(3.75)).toBe('3.75 GiB');
    expect(formatMemory(0.6134)).toBe('0.61 GiB');
  });
});

describe('formatHourlyPrice', () => {
  it('shows a dash where the provider gives no price, and $0 for free', () => {
    expect(formatHourlyPrice(null)).toBe('—');
    expect(formatHourlyPrice(Number.NaN)).toBe('—');
    expect(formatHourlyPrice(0)).toBe('$0');
  });

  it('keeps four decimals under a dollar and three above', () => {
    expect(formatHourlyPrice(0.0104)).toBe('$0.0104');
    expect(formatHourlyPrice(0.04)).toBe('$0.04');
    expect(formatHourlyPrice(1.536)).toBe('$1.536');
    expect(formatHourlyPrice(0.00001)).toBe('<$0.0001');
  });
});
