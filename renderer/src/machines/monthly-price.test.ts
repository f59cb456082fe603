import { describe, expect, it } from 'vitest';
import { parseMonthlyPrice } from './monthly-price.js';

describe('parseMonthlyPrice', () => {
  it('reads dollars, with or without a $ and thousands commas; empty removes the price', () => {
    expect(parseMonthlyPrice(' 12.5 ')).toEqual({ monthlyUsd: 12.5 });
    expect(parseMonthlyPrice('$1,200')).toEqual({ monthlyUsd: 1200 });
    expect(parseMonthlyPrice('0')).toEqual({ monthlyUsd: 0 });
    expect(parseMonthlyPrice('')).toEqual({ monthlyUsd: null });
  });

  it('names what it cannot take', () => {
    expect(parseMonthlyPrice('ten')).toEqual({
      problem: 'Give the price in US dollars per month, from 0 to 1,000,000, not “ten”.',
    });
    expect(parseMonthlyPrice('-3')).toHaveProperty('problem');
    expect(parseMonthlyPrice('2000000')).toHaveProperty('problem');
  });
});
