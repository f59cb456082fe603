import { describe, expect, it } from 'vitest';
import { formatMemoryTick, limitSource, memoryTicks } from './memory-ticks.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const labels = (max: number) => memoryTicks(max).map(formatMemoryTick);

describe('memoryTicks', () => {
  it('gives distinct labels for a container using under 1 MiB (was "1 MiB, 1 MiB, 1 MiB, 0 MiB")', () => {
    const shown = labels(760 * KiB);
    expect(shown).toEqual(['0 B', '256 KiB', '512 KiB', '768 KiB']);
    expect(new Set(shown).size).toBe(shown.length);
  });
  it('steps in powers of two and reaches the highest value', () => {
    expect(labels(50 * MiB)).toEqual(['0 B', '16 MiB', '32 MiB', '48 MiB', '64 MiB']);
    expect(labels(1.3 * MiB)).toEqual(['0 B', '512 KiB', '1 MiB', '1.5 MiB']);
    const ticks = memoryTicks(3 * 1024 * MiB);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(3 * 1024 * MiB);
    expect(ticks.length).toBeLessThanOrEqual(5);
  });
  it('has a scale with no samples yet', () => {
    expect(labels(0)).toEqual(['0 B', '256 KiB', '512 KiB', '768 KiB', '1 MiB']);
  });
});

describe('limitSource', () => {
  it('says which limit is shown', () => {
    expect(limitSource('container')).toMatch(/container's limit/);
    expect(limitSource('host')).toMatch(/host's memory/);
  });
});
