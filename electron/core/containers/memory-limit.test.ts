import { describe, expect, it } from 'vitest';
import { chooseMemoryLimit, toStatsSample } from './stats-stream.js';

const GiB = 1024 ** 3;
describe('chooseMemoryLimit', () => {
  it("takes the container's own limit when it has one", () => {
    expect(chooseMemoryLimit(2 * GiB, 23.5 * GiB)).toEqual({ bytes: 2 * GiB, source: 'container' });
  });
  it("falls back to the host's memory (HostConfig.Memory 0: no limit)", () => {
    expect(chooseMemoryLimit(0, 23.5 * GiB)).toEqual({ bytes: 23.5 * GiB, source: 'host' });
    expect(chooseMemoryLimit(undefined, undefined)).toBeNull();
  });
  it('puts it in the samples instead of the stats limit', () => {
    const sample = toStatsSample({ memory_stats: { usage: 10, limit: 23.5 * GiB } }, chooseMemoryLimit(2 * GiB, 0));
    expect(sample.memoryLimitBytes).toBe(2 * GiB);
    expect(sample.memoryLimitSource).toBe('container');
  });
});
