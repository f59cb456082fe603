import { describe, expect, it } from 'vitest';
import { osOfImage, sizePicks, toSizeOffers, type DigitalOceanSize } from './catalog.js';

function size(slug: string, vcpus: number, memoryGiB: number, monthly: number, extra: Partial<DigitalOceanSize> = {}) {
  return {
    slug,
    vcpus,
    memory: memoryGiB * 1024,
    disk: 25,
    price_monthly: monthly,
    price_hourly: monthly / 672,
    regions: ['fra1', 'nyc3'],
    available: true,
    ...extra,
  } satisfies DigitalOceanSize;
}

const SIZES: DigitalOceanSize[] = [
  size('s-1vcpu-1gb', 1, 1, 6),
  size('s-2vcpu-2gb', 2, 2, 18),
  size('s-2vcpu-4gb', 2, 4, 24),
  size('s-4vcpu-8gb', 4, 8, 48),
  size('g-2vcpu-8gb', 2, 8, 63),
  size('g-8vcpu-32gb', 8, 32, 252),
  size('s-2vcpu-2gb-cheap', 2, 2, 1, { available: false }),
  size('s-8vcpu-32gb-nyc', 8, 32, 100, { regions: ['nyc3'] }),
];

describe('DigitalOcean sizes', () => {
  it('picks the cheapest available size in the region that fits each normalised size', () => {
    expect(Object.fromEntries(sizePicks(SIZES, 'fra1'))).toEqual({
      small: 's-2vcpu-2gb',
      medium: 's-4vcpu-8gb',
      large: 'g-8vcpu-32gb',
    });
    expect(sizePicks(SIZES, 'nyc3').get('large')).toBe('s-8vcpu-32gb-nyc');
  });

  it('offers the sizes of the region with their published USD hourly price, GiB and amd64', () => {
    const offers = toSizeOffers(SIZES, 'fra1');
    expect(offers.map((o) => o.type)).not.toContain('s-2vcpu-2gb-cheap');
    expect(offers.map((o) => o.type)).not.toContain('s-8vcpu-32gb-nyc');
    expect(offers.find((o) => o.type === 's-2vcpu-4gb')).toEqual({
      type: 's-2vcpu-4gb',
      vcpus: 2,
      memoryGiB: 4,
      arch: 'amd64',
      hourlyPriceUsd: 24 / 672,
      normalized: null,
    });
    expect(offers.find((o) => o.type === 's-2vcpu-2gb')?.normalized).toBe('small');
    expect(toSizeOffers(SIZES, 'sgp1')).toEqual([]);
  });

  it('knows the OS of the image slugs it picks, and no other', () => {
    expect(osOfImage('debian-12-x64')).toBe('debian-12');
    expect(osOfImage('ubuntu-24-04-x64')).toBe('ubuntu-24.04');
    expect(osOfImage('ubuntu-22-04-x64')).toBeNull();
    expect(osOfImage(null)).toBeNull();
  });
});
