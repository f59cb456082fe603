import { describe, expect, it } from 'vitest';
import { formatHourlyPrice } from '../machines/size-offers.js';
import { priceSourceText, usd } from './cost-text.js';

describe('cost text', () => {
  it('writes money with two decimals and hourly prices with four', () => {
    expect(usd(12.345)).toBe('$12.35');
    expect(usd(0)).toBe('$0.00');
    expect(usd(null)).toBe('—');
    expect(formatHourlyPrice(0.0208)).toBe('$0.0208');
  });

  it('says where a price comes from, with a list price’s age', () => {
    const now = Date.parse('2026-12-05T12:00:00.000Z');
    expect(priceSourceText({ kind: 'catalogue', fetchedAt: '2026-12-02T12:00:00.000Z' }, now)).toBe(
      'list price, fetched 3 days ago',
    );
    expect(priceSourceText({ kind: 'manual' })).toBe('monthly price set by hand');
    expect(priceSourceText({ kind: 'free' })).toBe('free: runs on this computer');
    expect(priceSourceText({ kind: 'unknown', reason: 'no prices for aws us-east-1 yet: refresh the prices' })).toBe(
      'no prices for aws us-east-1 yet: refresh the prices',
    );
  });
});
