import { describe, expect, it } from 'vitest';
import { sizePicks, toSizeOffers, type HetznerServerType } from './catalog.js';

function type(name: string, cores: number, memory: number, hourly: number, extra: Partial<HetznerServerType> = {}) {
  return {
    id: cores * 100 + memory,
    name,
    cores,
    memory,
    architecture: 'x86',
    cpu_type: 'shared',
    deprecated: false,
    prices: [{ location: 'fsn1', price_hourly: { net: String(hourly), gross: String(hourly * 1.19) } }],
    ...extra,
  } satisfies HetznerServerType;
}

const TYPES: HetznerServerType[] = [
  type('cx22', 2, 4, 0.006),
  type('cx32', 4, 8, 0.0113),
  type('ccx13', 2, 8, 0.0238, { cpu_type: 'dedicated' }),
  type('ccx33', 8, 32, 0.0952, { cpu_type: 'dedicated' }),
  type('cax11', 2, 4, 0.0039, { architecture: 'arm' }),
  type('cx21', 2, 4, 0.001, { deprecated: true }),
];

describe('Hetzner sizes', () => {
  it('picks the cheapest current x86 type that fits each normalised size', () => {
    expect(Object.fromEntries(sizePicks(TYPES, 'fsn1'))).toEqual({ small: 'cx22', medium: 'cx32', large: 'ccx33' });
  });

  it('offers the types of the location, arm as arm64, without deprecated ones or euros shown as dollars', () => {
    const offers = toSizeOffers(TYPES, 'fsn1');
    expect(offers.map((o) => o.type)).not.toContain('cx21');
    expect(offers.find((o) => o.type === 'cax11')).toMatchObject({ arch: 'arm64', normalized: null });
    expect(offers.every((o) => o.hourlyPriceUsd === null)).toBe(true);
    expect(toSizeOffers(TYPES, 'sin')).toEqual([]);
  });
});
