import { describe, expect, it } from 'vitest';
import { withAlpha } from './colors.js';

describe('withAlpha', () => {
  it('turns hex colours into rgba', () => {
    expect(withAlpha('#2f5bd3', 0.14)).toBe('rgba(47, 91, 211, 0.14)');
    expect(withAlpha(' #fff ', 0.5)).toBe('rgba(255, 255, 255, 0.5)');
  });

  it('leaves other colour syntaxes alone', () => {
    expect(withAlpha('rgb(1, 2, 3)', 0.5)).toBe('rgb(1, 2, 3)');
  });
});
