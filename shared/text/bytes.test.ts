import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.js';

describe('formatBytes (binary units everywhere)', () => {
  it('uses 1024 and KiB/MiB/GiB, three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(52_428_800)).toBe('50.0 MiB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.00 GiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.00 MiB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('never prints a decimal unit, so "x MB of y MiB" cannot happen', () => {
    for (const n of [999, 1_000, 999_999, 1_000_000, 2_140_000, 1e9, 1e12]) {
      expect(formatBytes(n)).not.toMatch(/\b(kB|KB|MB|GB|TB)\b/);
    }
  });
});
