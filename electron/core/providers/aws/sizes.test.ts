import { describe, expect, it } from 'vitest';
import { SIZE_RULES, type NormalizedSize } from '../provider.js';
import { EC2_SIZE_PICKS, instanceTypeFor, toSizeOffer } from './sizes.js';

const info = (type: string, vcpus: number, mib: number, arch: 'x86_64' | 'arm64' | 'i386') => ({
  InstanceType: type as never,
  VCpuInfo: { DefaultVCpus: vcpus },
  MemoryInfo: { SizeInMiB: mib },
  ProcessorInfo: { SupportedArchitectures: [arch] },
});

describe('EC2 sizes', () => {
  it('picks types that satisfy SIZE_RULES', () => {
    const real: Record<string, [number, number]> = {
      't3.small': [2, 2048],
      't3.large': [2, 8192],
      'm6i.2xlarge': [8, 32768],
    };
    for (const size of Object.keys(EC2_SIZE_PICKS) as NormalizedSize[]) {
      const [vcpus, mib] = real[EC2_SIZE_PICKS[size]] ?? [0, 0];
      const offer = toSizeOffer(info(EC2_SIZE_PICKS[size], vcpus, mib, 'x86_64'));
      const rule = SIZE_RULES[size];
      expect(offer?.normalized).toBe(size);
      expect(offer!.vcpus).toBeGreaterThanOrEqual(rule.vcpus[0]);
      expect(offer!.vcpus).toBeLessThanOrEqual(rule.vcpus[1]);
      expect(offer!.memoryGiB).toBeGreaterThanOrEqual(rule.memoryGiB[0]);
      expect(offer!.memoryGiB).toBeLessThanOrEqual(rule.memoryGiB[1]);
    }
  });

  it('maps architectures, memory and prices; drops types Crossdock cannot boot', () => {
    expect(toSizeOffer(info('t4g.small', 2, 2048, 'arm64'))).toEqual({
      type: 't4g.small',
      vcpus: 2,
      memoryGiB: 2,
      arch: 'arm64',
      hourlyPriceUsd: null,
      normalized: null,
    });
    expect(toSizeOffer(info('x9.unknown', 4, 1536, 'x86_64'))).toMatchObject({
      memoryGiB: 1.5,
      hourlyPriceUsd: null,
      normalized: null,
    });
    expect(toSizeOffer(info('m1.old', 1, 1024, 'i386'))).toBeNull();
    expect(toSizeOffer({ InstanceType: 't3.small' })).toBeNull();
  });

  it('resolves a spec size to a type', () => {
    expect(instanceTypeFor('medium')).toBe('t3.large');
    expect(instanceTypeFor('c7i.xlarge')).toBe('c7i.xlarge');
  });
});
