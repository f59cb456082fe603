import { describe, expect, it } from 'vitest';
import { editDistance, keysAt, nearestKey, SERVICE_KEYS, TOP_LEVEL_KEYS } from './compose-keys.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('image', 'image')).toBe(0);
    expect(editDistance('imagee', 'image')).toBe(1);
    expect(editDistance('imge', 'image')).toBe(1);
    expect(editDistance('iamge', 'image')).toBe(1);
    expect(editDistance('mage', 'image')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('nearestKey', () => {
  it('suggests the key a slip most likely meant, and nothing for a word too far from any', () => {
    expect(nearestKey('imagee', SERVICE_KEYS)).toBe('image');
    expect(nearestKey('enviroment', SERVICE_KEYS)).toBe('environment');
    expect(nearestKey('PORTS', SERVICE_KEYS)).toBe('ports');
    expect(nearestKey('servics', TOP_LEVEL_KEYS)).toBe('services');
    expect(nearestKey('flavour', SERVICE_KEYS)).toBeNull();
    expect(nearestKey('x', SERVICE_KEYS)).toBeNull();
  });

  it('looks among the keys of the level the key is at', () => {
    expect(keysAt([])).toBe(TOP_LEVEL_KEYS);
    expect(keysAt(['services', 'web'])).toBe(SERVICE_KEYS);
    expect(keysAt(['services', 'web', 'healthcheck'])).toContain('interval');
  });
});
