import { describe, expect, it } from 'vitest';
import { VIEWS, hashForView, viewForShortcut, viewFromHash } from './views.js';

const key = (
  code: string,
  mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {},
) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  code,
  ...mods,
});

describe('views', () => {
  it('lists the eight views in sidebar order with digits 1..8', () => {
    expect(VIEWS.map((v) => `${v.digit}:${v.id}`)).toEqual([
      '1:hosts',
      '2:containers',
      '3:machines',
      '4:workloads',
      '5:ports',
      '6:migrations',
      '7:compare',
      '8:settings',
    ]);
  });
});

describe('viewFromHash', () => {
  it('reads the view from the hash it writes', () => {
    for (const view of VIEWS) expect(viewFromHash(hashForView(view.id))).toBe(view.id);
  });

  it('accepts a hash without the slash', () => {
    expect(viewFromHash('#settings')).toBe('settings');
  });

  it('falls back to Hosts for an empty or unknown hash', () => {
    expect(viewFromHash('')).toBe('hosts');
    expect(viewFromHash('#/nowhere')).toBe('hosts');
  });
});

describe('viewForShortcut', () => {
  it('maps Alt+digit to the view with that digit, on the top row and the keypad', () => {
    expect(viewForShortcut(key('Digit2'))).toBe('containers');
    expect(viewForShortcut(key('Numpad8'))).toBe('settings');
  });

  it('ignores digits without a view', () => {
    expect(viewForShortcut(key('Digit9'))).toBeNull();
  });

  it('ignores the digit without Alt, or with other modifiers that mean something else', () => {
    expect(viewForShortcut(key('Digit1', { altKey: false }))).toBeNull();
    expect(viewForShortcut(key('Digit1', { ctrlKey: true }))).toBeNull();
    expect(viewForShortcut(key('Digit1', { shiftKey: true }))).toBeNull();
  });
});
