import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const noJitter = { baseMs: 500, maxMs: 15_000, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles the delay with each attempt, starting from the base', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    expect(backoffDelay(10, noJitter)).toBe(15_000);
    expect(backoffDelay(1_000_000, noJitter)).toBe(15_000);
  });

  it('spreads retries by the jitter share around the ideal delay', () => {
    const options = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };
    expect(backoffDelay(1, options, () => 0)).toBe(1600);
    expect(backoffDelay(1, options, () => 1)).toBe(2400);
    expect(backoffDelay(1, options, () => 0.5)).toBe(2000);
  });

  it('treats a negative or fractional attempt as the nearest sensible one', () => {
    expect(backoffDelay(-3, noJitter)).toBe(500);
    expect(backoffDelay(1.7, noJitter)).toBe(1000);
  });
});
