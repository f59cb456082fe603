import { describe, expect, it } from 'vitest';
import { SIZE_RULES, type NormalizedSize } from '../provider.js';
import { GCP_SIZE_PICKS, machineTypeFor, toSizeOffer } from './catalog.js';

const facts: Record<string, { guestCpus: number; memoryMb: number }> = {
  'e2-small': { guestCpus: 2, memoryMb: 2048 },
  'e2-standard-2': { guestCpus: 2, memoryMb: 8192 },
  'e2-standard-8': { guestCpus: 8, memoryMb: 32768 },
};

describe('GCE catalog', () => {
  it('picks types that satisfy SIZE_RULES', () => {
    for (const size of Object.keys(SIZE_RULES) as NormalizedSize[]) {
      const offer = toSizeOffer({ name: GCP_SIZE_PICKS[size], ...facts[GCP_SIZE_PICKS[size]] });
      const rule = SIZE_RULES[size];
      expect(offer?.normalized).toBe(size);
      expect(offer!.vcpus).toBeGreaterThanOrEqual(rule.vcpus[0]);
      expect(offer!.vcpus).toBeLessThanOrEqual(rule.vcpus[1]);
      expect(offer!.memoryGiB).toBeGreaterThanOrEqual(rule.memoryGiB[0]);
      expect(offer!.memoryGiB).toBeLessThanOrEqual(rule.memoryGiB[1]);
      // No price is typed into the code: the catalogue supplies it.
      expect(offer!.hourlyPriceUsd).toBeNull();
    }
  });

  it('derives arch and leaves unknown prices null', () => {
    expect(toSizeOffer({ name: 't2a-standard-2', guestCpus: 2, memoryMb: 8192 })).toMatchObject({
      arch: 'arm64',
      normalized: null,
    });
    expect(toSizeOffer({ name: 'c3-standard-4', guestCpus: 4, memoryMb: 16384, architecture: 'X86_64' })).toMatchObject(
      { arch: 'amd64', hourlyPriceUsd: null, memoryGiB: 16 },
    );
    expect(toSizeOffer({ name: 'n1-standard-1', guestCpus: 1, memoryMb: 3840 })?.memoryGiB).toBe(3.8);
    expect(toSizeOffer({ guestCpus: 2 })).toBeNull();
  });

  it('maps a spec size to a machine type', () => {
    expect(machineTypeFor('medium')).toBe('e2-standard-2');
    expect(machineTypeFor('n2-standard-8')).toBe('n2-standard-8');
  });
});
