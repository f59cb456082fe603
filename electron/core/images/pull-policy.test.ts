import { describe, expect, it } from 'vitest';
import { pullDecision } from './pull-policy.js';

describe('pullDecision', () => {
  it('pulls under always, uses what is there otherwise, and pulls only under missing when absent', () => {
    expect(pullDecision('always', true)).toBe('pull');
    expect(pullDecision('always', false)).toBe('pull');
    expect(pullDecision('missing', true)).toBe('use');
    expect(pullDecision('missing', false)).toBe('pull');
    expect(pullDecision('never', true)).toBe('use');
    expect(pullDecision('never', false)).toBe('missing');
  });
});
